package main

import (
	"context"
	"database/sql"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"google.golang.org/grpc"
)

// Config holds the server settings; defaults below.
type Config struct {
	Addr         string        `yaml:"addr"`
	Port         int           `yaml:"port"`
	MetricsPort  int           `yaml:"metrics_port"`
	DatabaseURL  string        `yaml:"database_url"`
	ReadTimeout  time.Duration `yaml:"read_timeout"`
	MaxConns     int           `yaml:"max_conns"`
}

var defaultConfig = Config{
	Addr:        "0.0.0.0",
	Port:        8080,
	MetricsPort: 9090,
	DatabaseURL: "postgres://svc:pw@pg.internal:5432/orders?sslmode=disable",
	ReadTimeout: 15 * time.Second,
	MaxConns:    25,
}

var grpcPort = flag.Int("grpc-port", 50051, "port for the gRPC API")

func main() {
	flag.Parse()
	cfg := defaultConfig
	if p := os.Getenv("PORT"); p != "" {
		cfg.Addr = ":" + p
	}

	db, err := sql.Open("pgx", cfg.DatabaseURL)
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(cfg.MaxConns)

	lis, err := net.Listen("tcp", net.JoinHostPort("0.0.0.0", "50052"))
	if err != nil {
		log.Fatalf("listen: %v", err)
	}
	go grpc.NewServer().Serve(lis)

	go http.ListenAndServe(":9090", http.DefaultServeMux)

	srv := &http.Server{Addr: "127.0.0.1:8080", ReadTimeout: cfg.ReadTimeout}
	go srv.ListenAndServe()

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
	_ = grpcPort
}
