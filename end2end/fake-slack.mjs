// A fake Slack for the browser tests: the Web API methods the portal calls
// (chat.postMessage, conversations.list, users.info), recording every post,
// and a way to send the portal signed events as Slack's Events API does.
import { createServer } from "node:http";
import { createHmac } from "node:crypto";

export const BOT_TOKEN = "xoxb-e2e-token";
export const SIGNING_SECRET = "0123456789abcdef0123456789abcdef";
export const CHANNEL = { id: "C0SUPPORT", name: "support" };
/** Slack users and the emails Slack gives for them. */
export const USERS = { U0AGENT: "agent@acme.test", U0STRANGER: "stranger@elsewhere.test" };

/** Starts the fake on a free port: { url, posts(), sendEvent(portalUrl, workspace, event), stop() }. */
export async function startFakeSlack() {
  const posts = [];
  let next = 1;
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const url = new URL(request.url, "http://fake");
      const answer = (value) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(value));
      };
      if (request.headers.authorization !== `Bearer ${BOT_TOKEN}`) return answer({ ok: false, error: "invalid_auth" });
      switch (url.pathname) {
        case "/api/chat.postMessage": {
          const message = JSON.parse(body);
          message.ts = `1700000000.${String(next++).padStart(6, "0")}`;
          posts.push(message);
          return answer({ ok: true, channel: message.channel, ts: message.ts });
        }
        case "/api/conversations.list":
          return answer({ ok: true, channels: [{ ...CHANNEL, is_member: true }, { id: "C0RANDOM", name: "random", is_member: false }], response_metadata: { next_cursor: "" } });
        case "/api/users.info": {
          const user = url.searchParams.get("user");
          return answer({ ok: true, user: { id: user, profile: { email: USERS[user] ?? "nobody@elsewhere.test" } } });
        }
        default:
          return answer({ ok: false, error: "unknown_method" });
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/api`;

  /** Posts `event` to the portal's Events API address, signed as Slack signs. */
  const sendEvent = async (portalUrl, workspace, event) => {
    const body = JSON.stringify({ type: "event_callback", event_id: `Ev${event.ts}`, event });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = "v0=" + createHmac("sha256", SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex");
    const response = await fetch(`${portalUrl}/slack/${workspace}/events`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature },
      body,
    });
    return response.status;
  };
  const stop = () => new Promise((resolve) => server.close(resolve));
  return { url, posts: () => [...posts], sendEvent, stop };
}
