const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');

module.exports = (env, argv) => ({
  mode: argv.mode || 'development',
  entry: './src/index.tsx',
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: '[name].[contenthash:8].js',
    publicPath: '/',
  },
  resolve: { extensions: ['.tsx', '.ts', '.js'] },
  module: {
    rules: [
      { test: /\.tsx?$/, use: 'ts-loader', exclude: /node_modules/ },
      { test: /\.(png|svg|jpg)$/i, type: 'asset', parser: { dataUrlCondition: { maxSize: 8192 } } },
    ],
  },
  devServer: {
    host: '0.0.0.0',
    // Moved off 8080 because the legacy gateway runs there.
    port: 6000,
    hot: true,
    historyApiFallback: true,
    client: { webSocketURL: 'ws://localhost:6000/ws', overlay: { warnings: false } },
    proxy: [
      { context: ['/api', '/auth'], target: 'http://localhost:4000', changeOrigin: true },
      { context: ['/socket.io'], target: 'ws://localhost:4001', ws: true },
    ],
  },
  plugins: [new HtmlWebpackPlugin({ template: './public/index.html' })],
  performance: { maxAssetSize: 512000, maxEntrypointSize: 512000 },
});
