#!/usr/bin/env bash
# Host firewall for the edge boxes. Idempotent; run as root.
set -euo pipefail

ADMIN_NET="10.0.0.0/8"
OFFICE="198.51.100.0/24"

echo "applying rules at $(date +%Y-%m-%dT%H:%M:%S)"
ulimit -n 65536
sysctl -w net.ipv4.ip_forward=1
sysctl -w net.core.somaxconn=4096

iptables -F
iptables -P INPUT DROP
iptables -A INPUT -i lo -j ACCEPT
iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
iptables -A INPUT -p icmp --icmp-type 8 -m limit --limit 1/s -j ACCEPT

# SSH, rate limited: 4 new connections per 60 seconds
iptables -A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -m recent --set
iptables -A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -m recent --update --seconds 60 --hitcount 4 -j DROP
iptables -A INPUT -p tcp --dport 22 -s "$OFFICE" -j ACCEPT

iptables -A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT
iptables -A INPUT -p udp --dport 51820 -j ACCEPT
iptables -A INPUT -s "$ADMIN_NET" -p tcp --dport 9100 -j ACCEPT
iptables -A INPUT -p tcp --dport 30000:32767 -s 10.0.0.0/16 -j ACCEPT
iptables -t nat -A PREROUTING -p tcp --dport 8080 -j REDIRECT --to-ports 80
iptables -t nat -A PREROUTING -i eth0 -p tcp --dport 2222 -j DNAT --to-destination 10.0.1.5:22
ip6tables -A INPUT -p tcp --dport 443 -j ACCEPT

# Ubuntu boxes use ufw instead
if command -v ufw >/dev/null; then
  ufw --force reset
  ufw default deny incoming
  ufw allow 22/tcp
  ufw allow from 192.168.1.0/24 to any port 5432 proto tcp
  ufw allow proto udp from any to any port 1194
  ufw limit ssh
  ufw --force enable
fi

# RHEL boxes use firewalld
if command -v firewall-cmd >/dev/null; then
  firewall-cmd --permanent --add-port=8443/tcp
  firewall-cmd --permanent --add-port=4000-4100/tcp
  firewall-cmd --permanent --add-forward-port=port=80:proto=tcp:toport=8080
  firewall-cmd --permanent --zone=internal --add-source=172.16.0.0/12
  firewall-cmd --reload
fi

chmod 0644 /etc/iptables/rules.v4
iptables-save > /etc/iptables/rules.v4
sleep 2
exit 0
