package io.netrare.deploy;

import io.netrare.deploy.cli.NetrareCommand;
import picocli.CommandLine;

/** The {@code netrare} command line. */
public final class NetrareMain {

    private NetrareMain() {
    }

    public static void main(String[] args) {
        System.exit(NetrareCommand.commandLine().execute(args));
    }
}
