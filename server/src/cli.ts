// The command-line front end over the same core as the server. (Skeleton.)
console.log('iana-ports: not yet implemented');
