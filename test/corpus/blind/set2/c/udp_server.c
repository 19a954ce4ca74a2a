/* udp_server.c: a tiny UDP metrics receiver (statsd-like). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define DEFAULT_PORT 50000
#define BUFSIZE 2048
#define RCVBUF (256 * 1024)
#define FORWARD_HOST "192.168.1.20"

static int forward_fd = -1;

static void forward(const char *buf, ssize_t n) {
    struct sockaddr_in dst;
    memset(&dst, 0, sizeof dst);
    dst.sin_family = AF_INET;
    dst.sin_port = htons(8125);
    inet_pton(AF_INET, FORWARD_HOST, &dst.sin_addr);
    sendto(forward_fd, buf, (size_t)n, 0, (struct sockaddr *)&dst, sizeof dst);
}

int main(int argc, char **argv) {
    int port = DEFAULT_PORT;
    if (argc > 1) port = atoi(argv[1]);

    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) { perror("socket"); return 1; }
    forward_fd = socket(AF_INET, SOCK_DGRAM, 0);

    int one = 1, rcvbuf = RCVBUF;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    struct timeval tv = { .tv_sec = 5, .tv_usec = 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((uint16_t)port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { perror("bind"); return 2; }

    /* A TCP admin socket for health checks. */
    int admin = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a2 = { .sin_family = AF_INET, .sin_port = htons(8126) };
    a2.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(admin, (struct sockaddr *)&a2, sizeof a2);
    listen(admin, 16);

    printf("listening on udp/%d\n", port);
    char buf[BUFSIZE];
    for (;;) {
        ssize_t n = recvfrom(fd, buf, sizeof buf - 1, 0, NULL, NULL);
        if (n < 0) { if (errno == EAGAIN) continue; perror("recvfrom"); usleep(50000); continue; }
        buf[n] = '\0';
        forward(buf, n);
    }
    return 0;
}
