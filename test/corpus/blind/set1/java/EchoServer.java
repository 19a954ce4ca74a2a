package com.example.echo;

import java.io.*;
import java.net.*;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class EchoServer {
    private static final int PORT = 6666;
    private static final int BACKLOG = 50;
    private static final int SO_TIMEOUT_MS = 5000;
    private static final int BUFFER = 8192;

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : PORT;
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try (ServerSocket server = new ServerSocket(port, BACKLOG, InetAddress.getByName("0.0.0.0"));
             DatagramSocket discovery = new DatagramSocket(4445)) {
            server.setSoTimeout(SO_TIMEOUT_MS);
            server.setReceiveBufferSize(64 * 1024);
            ServerSocket admin = new ServerSocket(9091);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Socket client = server.accept();
                    pool.submit(() -> echo(client));
                } catch (SocketTimeoutException e) {
                    // poll loop
                }
            }
        }
    }

    static void echo(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) != -1) out.write(buf, 0, n);
        } catch (IOException e) {
            System.err.println("client error: " + e.getMessage());
        }
    }

    static void notifyRegistry() throws IOException {
        try (Socket s = new Socket("registry.internal", 8761)) {
            s.getOutputStream().write("HELLO 1.0\n".getBytes());
        }
        InetSocketAddress addr = new InetSocketAddress("10.0.0.9", 2003);
        System.out.println("graphite at " + addr);
    }
}
