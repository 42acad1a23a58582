// What the machine allows before any code of ours runs: how long a thread blocked in epoll_wait takes to read a
// message written to a loopback TCP socket by another thread. The sender writes its CLOCK_MONOTONIC time every
// period; the receiver reads it and records the difference. Prints p50, p99, p99.9 and max in microseconds.
// Results: benchmarks/RESULTS.md ("three tries on the 20,000 events/s tail").
//
//   gcc -O2 -pthread -o /tmp/wake-probe benchmarks/wake-probe.c && /tmp/wake-probe [period-us 5000] [samples 6000]
#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int sender_fd;
static long period_us;
static long samples;

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *send_times(void *unused)
{
    const struct timespec period = {period_us / 1000000, (period_us % 1000000) * 1000};
    for (long i = 0; i < samples; i++)
    {
        nanosleep(&period, NULL);
        const int64_t sent = now_ns();
        if (write(sender_fd, &sent, sizeof sent) != sizeof sent)
        {
            perror("write");
            exit(1);
        }
    }
    return NULL;
}

static int by_value(const void *a, const void *b)
{
    const int64_t x = *(const int64_t *)a;
    const int64_t y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    period_us = argc > 1 ? atol(argv[1]) : 5000;
    samples = argc > 2 ? atol(argv[2]) : 6000;

    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof address;
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 1) != 0 ||
        getsockname(listener, (struct sockaddr *)&address, &length) != 0)
    {
        perror("listen");
        return 1;
    }
    sender_fd = socket(AF_INET, SOCK_STREAM, 0);
    const int on = 1;
    setsockopt(sender_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    if (connect(sender_fd, (struct sockaddr *)&address, sizeof address) != 0)
    {
        perror("connect");
        return 1;
    }
    const int receiver_fd = accept(listener, NULL, NULL);
    const int poller = epoll_create1(0);
    struct epoll_event interest = {.events = EPOLLIN, .data.fd = receiver_fd};
    epoll_ctl(poller, EPOLL_CTL_ADD, receiver_fd, &interest);

    int64_t *latencies = malloc(sizeof(int64_t) * samples);
    long received = 0;
    pthread_t sender;
    pthread_create(&sender, NULL, send_times, NULL);
    while (received < samples)
    {
        struct epoll_event ready;
        if (epoll_wait(poller, &ready, 1, -1) < 1)
        {
            continue;
        }
        int64_t sent[64];
        const ssize_t bytes = read(receiver_fd, sent, sizeof sent);
        const int64_t read_at = now_ns();
        for (long i = 0; i < bytes / (ssize_t)sizeof(int64_t) && received < samples; i++)
        {
            latencies[received++] = read_at - sent[i];
        }
    }
    qsort(latencies, samples, sizeof(int64_t), by_value);
    printf("samples %ld every %ld us: p50 %.0f p99 %.0f p99.9 %.0f max %.0f us\n", samples, period_us,
        latencies[samples / 2] / 1e3, latencies[samples * 99 / 100] / 1e3, latencies[samples * 999 / 1000] / 1e3,
        latencies[samples - 1] / 1e3);
    return 0;
}
