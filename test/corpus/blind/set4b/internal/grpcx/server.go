package grpcx

import (
	"fmt"
	"net"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"
)

const grpcPort = 9090

func Serve(register func(*grpc.Server)) error {
	lis, err := net.Listen("tcp", fmt.Sprintf(":%d", grpcPort))
	if err != nil {
		return err
	}
	s := grpc.NewServer(
		grpc.MaxRecvMsgSize(16<<20),
		grpc.KeepaliveParams(keepalive.ServerParameters{MaxConnectionIdle: 5 * time.Minute}),
	)
	register(s)
	return s.Serve(lis)
}

func DialPayments() (*grpc.ClientConn, error) {
	return grpc.NewClient("dns:///payments.svc.cluster.local:8443", grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(4*1024*1024)))
}

func DialLegacy() (*grpc.ClientConn, error) {
	addr := net.JoinHostPort("10.20.0.7", "50070")
	return grpc.NewClient(addr)
}
