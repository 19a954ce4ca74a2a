/** @type { import('@storybook/react-vite').StorybookConfig } */
const config = {
  stories: ['../src/**/*.mdx', '../src/**/*.stories.@(js|jsx|ts|tsx)'],
  addons: ['@storybook/addon-essentials', '@storybook/addon-a11y'],
  framework: { name: '@storybook/react-vite', options: {} },
  staticDirs: ['../public'],
  refs: {
    'design-system': {
      title: 'Design System',
      url: 'http://localhost:6007',
    },
  },
  async viteFinal(config) {
    config.server = { ...config.server, hmr: { port: 24679 } };
    config.define = { 'process.env.API_URL': JSON.stringify('http://localhost:4000/graphql') };
    return config;
  },
  docs: { autodocs: 'tag' },
};
export default config;
