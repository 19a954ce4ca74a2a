package config

import (
	"log"
	"os"
	"strconv"
	"time"
)

const (
	// DefaultPortAPIServer is where the HTTP API listens unless PORT is set.
	DefaultPortAPIServer = 8080
	// DefaultMetricsPort matches the OpenTelemetry Prometheus exporter default.
	DefaultMetricsPort   = 9464
	MaxRetries           = 5
	RetryBackoff         = 2 * time.Second
	ShutdownGrace        = 15 * time.Second
	SchemaVersion        = 42
)

type Config struct {
	Port        int
	MetricsPort int
	DBDSN       string
}

func Load() Config {
	c := Config{Port: DefaultPortAPIServer, MetricsPort: DefaultMetricsPort}
	if v := os.Getenv("PORT"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 || p > 65535 {
			log.Fatalf("PORT=%q is not a port", v)
		}
		c.Port = p
	}
	c.DBDSN = envOr("DATABASE_URL", "postgres://app@localhost:5432/payments?sslmode=disable&connect_timeout=10")
	log.Printf("serving metrics on :%d, API on :%d (schema v%d)", c.MetricsPort, c.Port, SchemaVersion)
	return c
}

func envOr(k, d string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return d
}
