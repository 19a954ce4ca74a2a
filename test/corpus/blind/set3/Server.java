package com.example.legacy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;

public class Server {
    private static final int BUFFER_SIZE = 65536;
    private static final int CONNECT_TIMEOUT_MS = 50000;

    public static void main(String[] args) throws Exception {
        Connection db = DriverManager.getConnection("jdbc:postgresql://db:5432/legacy", "app", "secret");
        try (ServerSocket listener = new ServerSocket(70000)) {
            listener.setSoTimeout(CONNECT_TIMEOUT_MS);
            while (true) {
                Socket client = listener.accept();
                client.setReceiveBufferSize(BUFFER_SIZE);
                handle(client, db);
            }
        }
    }

    private static void handle(Socket client, Connection db) throws IOException {
        client.close();
    }
}
