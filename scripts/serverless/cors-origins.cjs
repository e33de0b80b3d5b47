// serverless.yml's provider.httpApi.cors.allowedOrigins: the comma-separated
// `corsAllowedOrigins` param as the list API Gateway takes (osls has no split function; a JS
// file variable source may compute a value). CommonJS: osls loads these with require().
module.exports = async ({ resolveVariable }) => {
  const value = String(await resolveVariable('param:corsAllowedOrigins'));
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    // API Gateway takes `*` or scheme://host[:port], nothing after it.
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new Error(
        `corsAllowedOrigins: "${origin}" is not * or an origin such as https://app.example.com`,
      );
    }
  }
  if (origins.length === 0) throw new Error('corsAllowedOrigins: name at least one origin, or *');
  return origins;
};
