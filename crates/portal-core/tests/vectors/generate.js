// Computes the HMAC vectors with Node's crypto, independently of the Rust code.
// Usage: node generate.js > hmac.json
const crypto = require("crypto");
const inputs = require("./inputs.json");
const out = inputs.map(({ secret, email }) => ({
  secret,
  email,
  hash: crypto.createHmac("sha256", secret).update(email).digest("hex"),
}));
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
