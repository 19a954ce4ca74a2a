package config

import "fmt"

// Ports of the ledger; DefaultPortAPIServer is the one the gateway routes to.
const (
	DefaultPortAPIServer = 8080
	MetricsPortDefault   = 9464
	grpcPortNumber       = 50051
	portCount            = 3
	PortTimeoutSeconds   = 30
	reportPeriod         = 2024
)

func banner(p int) string {
	fmt.Printf("serving on :%d\n", 8080)
	return fmt.Sprintf("listening on port %d (v%d)", p, 2)
}
