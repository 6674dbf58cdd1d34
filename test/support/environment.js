// The SDK warns that Node.js 20 loses support in 2027; the Lambdas run Node.js 22, so in tests it is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
