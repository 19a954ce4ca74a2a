package com.example.inventory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class Application {

    private static final int ADMIN_PORT = 8081;
    private static final int BACKLOG = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Value("${server.port:8080}")
    private int serverPort;

    @Value("${inventory.page-size:25}")
    private int pageSize;

    public static void main(String[] args) throws IOException {
        SpringApplication app = new SpringApplication(Application.class);
        app.setDefaultProperties(Map.of("server.port", "8443", "server.ssl.enabled", "true"));
        app.run(args);

        HttpServer admin = HttpServer.create(new InetSocketAddress(ADMIN_PORT), BACKLOG);
        admin.start();

        HttpServer health = HttpServer.create(new InetSocketAddress("127.0.0.1", 8082), 0);
        health.start();

        try (ServerSocket legacy = new ServerSocket(9990, BACKLOG)) {
            legacy.setSoTimeout((int) TIMEOUT.toMillis());
        }

        try (Socket ldap = new Socket("ldap.corp.example.com", 389)) {
            ldap.setSoTimeout(5000);
        }
    }
}
