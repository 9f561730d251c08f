package io.netrare.runtime.text;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URLs as they may appear in logs and error messages: user info, query values and fragments are replaced by
 * {@code ***}, and so are path segments that look like tokens (16 or more characters mixing letters and
 * digits, as in {@code /services/T0/B0/<token>} webhook URLs). Scheme, host, port and the rest of the path
 * stay, so the log still says where a request went.
 */
public final class UrlMask {

    private static final String MASK = "***";
    private static final Pattern URL = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+");
    private static final Pattern TOKEN_SEGMENT = Pattern.compile("(?=[^/]*[0-9])(?=[^/]*[A-Za-z])[^/]{16,}");

    private UrlMask() {
    }

    public static String mask(URI uri) {
        return uri == null ? "null" : mask(uri.toString());
    }

    /** Masks one URL given as text; text that is not a URL is returned escaped but otherwise as it is. */
    public static String mask(String url) {
        if (url == null) {
            return "null";
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return SafeText.escape(maskAll(url));
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return SafeText.escape(url);
        }
        StringBuilder out = new StringBuilder(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            out.append(MASK).append('@');
        }
        if (uri.getHost() != null) {
            out.append(uri.getHost());
            if (uri.getPort() >= 0) {
                out.append(':').append(uri.getPort());
            }
        } else {
            String authority = uri.getRawAuthority();
            out.append(authority.substring(authority.lastIndexOf('@') + 1));
        }
        String path = uri.getRawPath();
        if (path != null) {
            out.append(TOKEN_SEGMENT.matcher(path).replaceAll(MASK));
        }
        String query = uri.getRawQuery();
        if (query != null) {
            out.append('?');
            String[] pairs = query.split("&", -1);
            for (int i = 0; i < pairs.length; i++) {
                int eq = pairs[i].indexOf('=');
                out.append(i == 0 ? "" : "&").append(eq < 0 ? pairs[i] : pairs[i].substring(0, eq + 1) + MASK);
            }
        }
        if (uri.getRawFragment() != null) {
            out.append('#').append(MASK);
        }
        return SafeText.escape(out.toString());
    }

    /** Masks every URL inside free text, such as an exception message. */
    public static String maskAll(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String masked;
            try {
                URI uri = URI.create(m.group());
                masked = uri.getRawAuthority() == null ? m.group() : mask(uri);
            } catch (IllegalArgumentException e) {
                masked = m.group().replaceAll("//[^/@]*@", "//" + MASK + "@").replaceAll("\\?.*", "?" + MASK);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(masked));
        }
        m.appendTail(out);
        return out.toString();
    }
}
