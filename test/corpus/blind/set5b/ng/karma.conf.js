// Karma configuration file, see link for more information
// https://karma-runner.github.io/1.0/config/configuration-file.html
module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine', '@angular-devkit/build-angular'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require('karma-coverage'),
    ],
    client: { jasmine: { random: true, timeoutInterval: 10000 }, clearContext: false },
    coverageReporter: { dir: require('path').join(__dirname, './coverage/backoffice'), subdir: '.' },
    reporters: ['progress', 'kjhtml'],
    port: 9876,
    colors: true,
    logLevel: config.LOG_INFO,
    autoWatch: true,
    browsers: ['ChromeHeadlessCI'],
    customLaunchers: {
      ChromeHeadlessCI: { base: 'ChromeHeadless', flags: ['--no-sandbox', '--remote-debugging-port=9333'] },
    },
    browserNoActivityTimeout: 60000,
    captureTimeout: 210000,
    singleRun: false,
    restartOnFileChange: true,
  });
};
