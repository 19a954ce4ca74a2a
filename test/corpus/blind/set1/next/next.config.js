/** @type {import('next').NextConfig} */
const API_ORIGIN = process.env.API_ORIGIN || 'http://localhost:8000'

const nextConfig = {
  reactStrictMode: true,
  output: 'standalone',
  poweredByHeader: false,
  images: {
    deviceSizes: [640, 750, 828, 1080, 1200, 1920],
    minimumCacheTTL: 60,
    remotePatterns: [
      { protocol: 'https', hostname: 'cdn.example.com', port: '', pathname: '/img/**' },
      { protocol: 'http', hostname: 'localhost', port: '9000', pathname: '/media/**' },
    ],
  },
  experimental: {
    serverActions: { bodySizeLimit: '2mb' },
  },
  async rewrites() {
    return [
      { source: '/api/:path*', destination: `${API_ORIGIN}/api/:path*` },
      { source: '/ws', destination: 'http://127.0.0.1:3001/ws' },
    ]
  },
  async headers() {
    return [{ source: '/(.*)', headers: [{ key: 'Strict-Transport-Security', value: 'max-age=63072000' }] }]
  },
  webpack: (config) => {
    config.watchOptions = { poll: 1000, aggregateTimeout: 300 }
    return config
  },
}

module.exports = nextConfig
