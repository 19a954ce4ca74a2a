const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const isProd = process.env.NODE_ENV === 'production';
const devPort = parseInt(process.env.DEV_PORT, 10) || 8085;

module.exports = {
  mode: isProd ? 'production' : 'development',
  entry: './src/index.tsx',
  output: { path: path.resolve(__dirname, 'dist'), filename: '[name].[contenthash:8].js' },
  devtool: isProd ? false : 'eval-cheap-module-source-map',
  module: {
    rules: [
      { test: /\.tsx?$/, use: 'ts-loader', exclude: /node_modules/ },
      { test: /\.(png|jpe?g)$/, type: 'asset', parser: { dataUrlCondition: { maxSize: 8 * 1024 } } },
    ],
  },
  devServer: {
    port: devPort,
    host: 'localhost',
    hot: true,
    client: { webSocketURL: 'ws://localhost:8085/ws', overlay: { warnings: false } },
    proxy: [{ context: ['/api'], target: 'http://localhost:5050', secure: false }],
    historyApiFallback: true,
  },
  performance: { maxAssetSize: 512000, maxEntrypointSize: 512000 },
  plugins: [new HtmlWebpackPlugin({ template: './public/index.html', minify: isProd })],
};
