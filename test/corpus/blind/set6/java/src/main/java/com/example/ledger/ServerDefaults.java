package com.example.ledger;

import java.time.Duration;

/** Defaults shared by the ledger's servers; each can be overridden in application.properties. */
public final class ServerDefaults {
    public static final int GRPC_PORT_DEFAULT = 50051;
    public static final int HTTP_PORT = 8080;
    public static final int ADMIN_PORT_FALLBACK = 9001;
    public static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;
    public static final Duration KEEPALIVE = Duration.ofSeconds(30);
    public static final int WORKER_THREADS = 16;

    private ServerDefaults() {}

    static String banner(int port) {
        return String.format("ledger gRPC listening on port %d (API v%d)", port, 3);
    }

    static void logLegacy(org.slf4j.Logger log) {
        log.warn("the legacy SOAP endpoint on port {} is gone since 2.0", 8443);
    }
}
