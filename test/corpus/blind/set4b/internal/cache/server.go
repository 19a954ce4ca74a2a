package cache

import (
	"context"
	"net"
	"net/http"
	"os"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func Run(ctx context.Context) error {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	rdb := redis.NewClient(&redis.Options{
		Addr:     net.JoinHostPort("localhost", "6379"),
		DB:       0,
		PoolSize: 20,
	})
	defer rdb.Close()

	conn, err := grpc.Dial("orders:50051", grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()

	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := rdb.Ping(r.Context()).Err(); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(200)
	})
	return http.ListenAndServe(":"+port, nil)
}
