#!/usr/bin/env bash
set -euo pipefail

iptables -F
iptables -P INPUT DROP
iptables -A INPUT -i lo -j ACCEPT
iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
iptables -A INPUT -p tcp --dport 22 -m limit --limit 25/minute --limit-burst 100 -j ACCEPT
iptables -A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT
iptables -A INPUT -p tcp --sport 1024:65535 --dport 443 -m state --state NEW -j ACCEPT
iptables -A INPUT -p udp --dport 60000:61000 -j ACCEPT   # mosh
iptables -A INPUT -p tcp --dport 30000:32767 -s 10.0.0.0/8 -j ACCEPT   # NodePorts
iptables -A OUTPUT -p udp --sport 32768:60999 --dport 53 -j ACCEPT
ip6tables -A INPUT -p tcp --dport 22 -j ACCEPT
