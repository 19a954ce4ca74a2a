/* Minimal echo server: listens on PORT, forwards stats to 127.0.0.1:8125. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define PORT 7070
#define BUF_SIZE 4096
#define BACKLOG 128
#define STATSD_HOST "127.0.0.1"
#define STATSD_PORT 8125

static const int admin_port = 7071;

int main(void) {
    char buf[BUF_SIZE];
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(PORT);

    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(fd, BACKLOG) < 0) {
        perror("bind");
        return 1;
    }

    struct sockaddr_in stats = {0};
    stats.sin_family = AF_INET;
    stats.sin_port = htons(STATSD_PORT);
    inet_pton(AF_INET, STATSD_HOST, &stats.sin_addr);

    struct sockaddr_in legacy = {0};
    legacy.sin_port = htons(2323);

    for (int i = 0; i < 10; i++) {
        int c = accept(fd, NULL, NULL);
        ssize_t n = read(c, buf, sizeof(buf) - 1);
        if (n > 0) write(c, buf, (size_t)n);
        close(c);
    }
    (void)admin_port;
    return 0;
}
