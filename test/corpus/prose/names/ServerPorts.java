package com.example.ports;

/** Defaults of the shop's servers, overridden by application.properties. */
public final class ServerPorts {
    public static final int GRPC_PORT_DEFAULT = 50051;
    public static final int ADMIN_PORT_FALLBACK = 9001;
    public static final int PORT_RETRIES = 5;
    public static final int MAX_PORT_NAME_LENGTH = 15;
    public static final int REPORT_ID = 4;

    static void warnLegacy(org.slf4j.Logger log) {
        log.warn("the legacy endpoint on port {} is gone since {}", 8443, 2019);
        log.info("retrying {} times", 3);
    }
}
