package client

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/smtp"
	"os"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

const (
	defaultGRPCTarget = "payments.svc.cluster.local:9000"
	dialTimeout       = 3 * time.Second
	maxRetries        = 4
	smtpPort          = 587
)

func grpcPort() int {
	if v, err := strconv.Atoi(os.Getenv("GRPC_PORT")); err == nil {
		return v
	}
	return 9000
}

func Connect() (*grpc.ClientConn, error) {
	return grpc.Dial(defaultGRPCTarget, grpc.WithTransportCredentials(insecure.NewCredentials()))
}

func Redis() *redis.Client {
	return redis.NewClient(&redis.Options{Addr: "redis:6379", DB: 0, PoolSize: 20, MaxRetries: maxRetries})
}

func Probe(host string) error {
	conn, err := net.DialTimeout("tcp", net.JoinHostPort(host, "8443"), dialTimeout)
	if err != nil {
		return fmt.Errorf("probe %s:%d: %w", host, 8443, err)
	}
	return tls.Client(conn, &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}).Handshake()
}

func Mail(to, body string) error {
	addr := fmt.Sprintf("%s:%d", "smtp.example.com", smtpPort)
	return smtp.SendMail(addr, nil, "noreply@example.com", []string{to}, []byte(body))
}
