package io.example.gateway;

import static spark.Spark.*;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import java.net.DatagramSocket;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.JedisPool;

public final class Main {
    static final int HTTP_PORT = Integer.parseInt(System.getenv().getOrDefault("HTTP_PORT", "4567"));
    static final int THREADS = 8;
    static final long CACHE_TTL = TimeUnit.MINUTES.toMillis(10);
    static final URI AUTH = URI.create("https://auth.example.com:9443/oauth2/token");

    public static void main(String[] args) throws Exception {
        port(HTTP_PORT);
        threadPool(THREADS, 2, 30000);
        get("/status", (req, res) -> { res.status(204); return ""; });

        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer().requestHandler(r -> r.response().end("ok")).listen(8888);
        vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000))
            .connect(4321, "legacy.internal");

        JedisPool jedis = new JedisPool("cache.internal", 6379);
        DatagramSocket syslog = new DatagramSocket(5514);

        System.out.printf("gateway on :%d, docs at http://localhost:%d/docs%n", HTTP_PORT, HTTP_PORT);
    }
}
