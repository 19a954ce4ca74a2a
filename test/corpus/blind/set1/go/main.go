package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"time"

	"google.golang.org/grpc"
)

var (
	grpcPort  = flag.Int("port", 50051, "gRPC listen port")
	httpAddr  = flag.String("http", ":8080", "HTTP gateway address")
	maxMsgMB  = flag.Int("max-msg-mb", 16, "max gRPC message size in MiB")
	shutdownS = flag.Duration("shutdown", 15*time.Second, "graceful shutdown timeout")
)

func main() {
	flag.Parse()

	lis, err := net.Listen("tcp", fmt.Sprintf(":%d", *grpcPort))
	if err != nil {
		log.Fatalf("listen: %v", err)
	}
	srv := grpc.NewServer(grpc.MaxRecvMsgSize(*maxMsgMB * 1024 * 1024))

	go func() {
		log.Println(http.ListenAndServe("127.0.0.1:6060", nil))
	}()

	metricsLn, err := net.Listen("tcp4", "0.0.0.0:9100")
	if err != nil {
		log.Fatal(err)
	}
	_ = metricsLn

	host := os.Getenv("STATSD_HOST")
	conn, err := net.DialTimeout("udp", net.JoinHostPort(host, "8125"), 2*time.Second)
	if err == nil {
		defer conn.Close()
	}

	httpSrv := &http.Server{Addr: *httpAddr, ReadHeaderTimeout: 5 * time.Second, MaxHeaderBytes: 1 << 20}
	go httpSrv.ListenAndServe()

	ctx, cancel := context.WithTimeout(context.Background(), *shutdownS)
	defer cancel()
	_ = ctx
	if err := srv.Serve(lis); err != nil {
		log.Fatal(err)
	}
}
