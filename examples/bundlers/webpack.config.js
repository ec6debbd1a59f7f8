// `npm run build:webpack`: the same shell as webpack 5 builds it, into dist/webpack. The page
// is index.html without the module tag Vite reads as its entry.
import fs from 'node:fs';
import path from 'node:path';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import MiniCssExtractPlugin from 'mini-css-extract-plugin';
import webpack from 'webpack';

const page = fs.readFileSync(path.resolve(import.meta.dirname, 'index.html'), 'utf8').replace(/\s*<script type="module"[^>]*><\/script>/, '');

export default {
  entry: './src/main.js',
  output: {
    path: path.resolve(import.meta.dirname, 'dist/webpack'),
    filename: 'assets/[name].[contenthash].js',
    assetModuleFilename: 'assets/[name].[contenthash][ext]',
    publicPath: '/',
    clean: true,
  },
  module: { rules: [{ test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] }] },
  plugins: [
    new webpack.DefinePlugin({ __BUNDLER__: JSON.stringify('webpack') }),
    new HtmlWebpackPlugin({ templateContent: page, scriptLoading: 'module' }),
    new MiniCssExtractPlugin({ filename: 'assets/[name].[contenthash].css' }),
  ],
  performance: { hints: false },
  stats: 'errors-warnings',
};
