package main

import (
	"flag"
	"log"
	"net/http"
	"strconv"
	"time"
)

var (
	port     = flag.Int("port", 8080, "HTTP listen port")
	adminPort = flag.Int("admin-port", 9102, "admin/metrics port")
	timeout  = flag.Duration("timeout", 15*time.Second, "request timeout")
	workers  = flag.Int("workers", 8, "number of workers")
)

func main() {
	flag.Parse()
	srv := &http.Server{
		Addr:              ":" + strconv.Itoa(*port),
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      *timeout,
		MaxHeaderBytes:    1 << 20,
	}
	go func() {
		log.Fatal(http.ListenAndServe(":"+strconv.Itoa(*adminPort), adminMux()))
	}()
	log.Printf("listening on %s with %d workers", srv.Addr, *workers)
	log.Fatal(srv.ListenAndServe())
}
