package io.netrare.ingest.audit;

import java.util.Set;

/**
 * Which auditd record types user space (or the audit daemon) writes as a message of its own, and which the
 * kernel writes as part of a syscall's event. The split follows go-libaudit's reassembler: types numbered up
 * to 1299 (user messages 1100-1199, daemon messages 1200-1299, and the control range below 1100) and from 2100
 * on (the second user range: anomalies, responses, roles, crypto, virt) complete an event on their own; kernel
 * records (1300-2099: SYSCALL, SOCKADDR, PROCTITLE, AVC, NETFILTER_CFG...) wait for their EOE.
 * Names are those auditd prints; {@code UNKNOWN[n]} carries the number.
 */
public final class AuditRecordTypes {

    private static final Set<String> USERSPACE = Set.of(
            "GET", "SET", "LIST", "ADD", "DEL", "USER", "LOGIN", "WATCH_INS", "WATCH_REM", "WATCH_LIST", "SIGNAL_INFO",
            "ADD_RULE", "DEL_RULE", "LIST_RULES", "TRIM", "MAKE_EQUIV", "TTY_GET", "TTY_SET", "SET_FEATURE",
            "GET_FEATURE", "USER_AUTH", "USER_ACCT", "USER_MGMT", "CRED_ACQ", "CRED_DISP", "USER_START", "USER_END",
            "USER_AVC", "USER_CHAUTHTOK", "USER_ERR", "CRED_REFR", "USYS_CONFIG", "USER_LOGIN", "USER_LOGOUT",
            "ADD_USER", "DEL_USER", "ADD_GROUP", "DEL_GROUP", "DAC_CHECK", "CHGRP_ID", "TEST", "TRUSTED_APP",
            "USER_SELINUX_ERR", "USER_CMD", "USER_TTY", "CHUSER_ID", "GRP_AUTH", "SYSTEM_BOOT", "SYSTEM_SHUTDOWN",
            "SYSTEM_RUNLEVEL", "SERVICE_START", "SERVICE_STOP", "GRP_MGMT", "GRP_CHAUTHTOK", "MAC_CHECK", "ACCT_LOCK",
            "ACCT_UNLOCK", "USER_DEVICE", "SOFTWARE_UPDATE", "DAEMON_START", "DAEMON_END", "DAEMON_ABORT",
            "DAEMON_CONFIG", "DAEMON_RECONFIG", "DAEMON_ROTATE", "DAEMON_RESUME", "DAEMON_ACCEPT", "DAEMON_CLOSE",
            "DAEMON_ERR", "USER_ROLE_CHANGE", "ROLE_ASSIGN", "ROLE_REMOVE", "LABEL_OVERRIDE", "LABEL_LEVEL_CHANGE",
            "USER_LABELED_EXPORT", "USER_UNLABELED_EXPORT", "DEV_ALLOC", "DEV_DEALLOC", "FS_RELABEL",
            "USER_MAC_POLICY_LOAD", "ROLE_MODIFY", "USER_MAC_CONFIG_CHANGE", "USER_MAC_STATUS", "CRYPTO_TEST_USER",
            "CRYPTO_PARAM_CHANGE_USER", "CRYPTO_LOGIN", "CRYPTO_LOGOUT", "CRYPTO_KEY_USER", "CRYPTO_FAILURE_USER",
            "CRYPTO_REPLAY_USER", "CRYPTO_SESSION", "CRYPTO_IKE_SA", "CRYPTO_IPSEC_SA", "VIRT_CONTROL",
            "VIRT_RESOURCE", "VIRT_MACHINE_ID", "VIRT_INTEGRITY_CHECK", "VIRT_CREATE", "VIRT_DESTROY",
            "VIRT_MIGRATE_IN", "VIRT_MIGRATE_OUT");

    private AuditRecordTypes() {
    }

    /** True for a message user space (or auditd) sent as a whole event. */
    public static boolean userspace(String type) {
        if (type.startsWith("ANOM_LOGIN_") || type.startsWith("RESP_") || (type.startsWith("ANOM_")
                && !type.equals("ANOM_PROMISCUOUS") && !type.equals("ANOM_ABEND") && !type.equals("ANOM_LINK")
                && !type.equals("ANOM_CREAT"))) {
            return true; // 2100-2299; the four kernel anomalies are 1700-1703
        }
        if (USERSPACE.contains(type)) {
            return true;
        }
        if (type.startsWith("UNKNOWN[") && type.endsWith("]")) {
            try {
                int n = Integer.parseInt(type.substring(8, type.length() - 1));
                return n <= 1299 || n >= 2100;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }
}
