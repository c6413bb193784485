// The reference for the load tool (issue 10 item 2): a minimal echo bot written with the official
// Bot Framework SDK (botbuilder's CloudAdapter), on Node's plain http server, loopback only.
// Empty app id = the SDK's own "auth disabled" mode, the same as VerzuimBot's Development mode.
// Usage: node tests/node/echo-bot/index.js [port]   (or PORT=...; default 3979)
'use strict';
const http = require('http');
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

const port = Number(process.argv[2] || process.env.PORT || 3979);
const maxBody = 256 * 1024; // the same request limit as VerzuimBot

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }));
adapter.onTurnError = async (context, error) => {
  console.error(`turn error: ${error && error.name}`); // no message text: it could echo user input
};

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text || ''}`);
      await next();
    });
  }
}
const bot = new EchoBot();

// CloudAdapter expects restify/express-style req.body and res.status/send/header; a small shim over
// Node's http keeps the dependency list to botbuilder alone.
function shim(res) {
  let status = 200;
  return {
    socket: res.socket,
    status(code) { status = code; },
    header(name, value) { res.setHeader(name, value); },
    send(body) {
      if (body === undefined) return;
      res.statusCode = status;
      if (typeof body === 'object' && !Buffer.isBuffer(body)) {
        res.setHeader('Content-Type', 'application/json');
        res.write(JSON.stringify(body));
      } else {
        res.write(body);
      }
    },
    end() { res.statusCode = status; res.end(); },
  };
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.end('{"status":"ok"}');
    return;
  }
  if (req.method !== 'POST' || req.url !== '/api/messages') {
    res.statusCode = 404;
    res.end();
    return;
  }
  const chunks = [];
  let size = 0;
  req.on('data', chunk => {
    size += chunk.length;
    if (size > maxBody) { res.statusCode = 413; res.end(); req.destroy(); return; }
    chunks.push(chunk);
  });
  req.on('end', async () => {
    if (res.writableEnded) return;
    try {
      req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.statusCode = 400;
      res.end();
      return;
    }
    try {
      await adapter.process(req, shim(res), context => bot.run(context));
    } catch (error) {
      if (!res.writableEnded) { res.statusCode = 500; res.end(); }
    }
  });
});

server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`echo bot listening on http://127.0.0.1:${port}/api/messages`));
