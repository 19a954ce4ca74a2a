package com.shop;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

@Configuration
public class ServerConfig {

    @Value("${server.port:8080}")
    private int port;

    @Value("${app.retry.max-attempts:3}")
    private int maxAttempts;

    @Bean
    public HikariConfig hikari() {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:mysql://localhost:3306/shop?useSSL=false&serverTimezone=UTC");
        cfg.setMaximumPoolSize(10);
        cfg.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        return cfg;
    }

    @Bean(destroyMethod = "stop")
    public HttpServer healthServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(9090), 0);
        server.createContext("/ping", ex -> { ex.sendResponseHeaders(204, -1); ex.close(); });
        server.start();
        return server;
    }
}
