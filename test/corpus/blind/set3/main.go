package main

import (
	"log"
	"net"
	"net/http"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

const maxHeaderBytes = 65536

func main() {
	conn, err := grpc.Dial("orders.internal:50051", grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()

	probe, _ := net.Listen("tcp", "127.0.0.1:0")
	defer probe.Close()

	admin, err := net.Listen("tcp", ":50000")
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(admin, nil)

	srv := &http.Server{
		Addr:           ":8080",
		ReadTimeout:    15 * time.Second,
		MaxHeaderBytes: maxHeaderBytes,
	}
	log.Fatal(srv.ListenAndServe())
}
