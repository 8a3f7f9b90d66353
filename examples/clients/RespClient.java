/* RespClient.java: a client of `resp serve` for Java 8 and later
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * java.net.HttpURLConnection only, no dependency: copy the file into a
 * project (and give it a package) or build it as it is:
 *
 *   javac --release 8 -d out RespClient.java
 *   java -cp out RespClient http://127.0.0.1:8080 who s-portal 2026-03-05T08:10:00+08:00
 *
 * Each method returns the body of the answer as the server sends it: JSON
 * (exactly what `resp` prints; parse it with the JSON library the project
 * already has), text, dot or CSV. An answer other than 200 throws a
 * RespException with the status and the error's code and message (the
 * body's "diagnostics", positions in the body sent, are in getBody()).
 * HttpURLConnection keeps connections alive between calls on its own. One
 * client may be shared between threads: it keeps no state per call.
 */
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class RespClient {
    private static final Charset UTF8 = Charset.forName("UTF-8");

    /** An answer of the server that is not 200. */
    public static final class RespException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;
        private final String body;

        RespException(int status, String code, String message, String body) {
            super(status + " " + code + ": " + message);
            this.status = status;
            this.code = code;
            this.body = body;
        }

        public int getStatus() { return status; }
        /** The error's code: not-found, bad-argument, invalid-events, … (docs/openapi.yaml). */
        public String getCode() { return code; }
        /** The whole error body: {"error": {"code", "message", "diagnostics"}}. */
        public String getBody() { return body; }
    }

    private final String base;
    private final String token;
    private final int timeoutMillis;

    /** base: http://HOST:PORT; token: null unless the server has --token-file. */
    public RespClient(String base, String token, int timeoutMillis) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.timeoutMillis = timeoutMillis;
    }

    public String health() throws IOException {
        return request("GET", "/v1/health", null, null);
    }

    /** at: null for now; format: json, text or dot. */
    public String who(String node, String at, String format) throws IOException {
        return request("GET", "/v1/who/" + segment(node), query("at", at, "format", format), null);
    }

    public String scope(String person, String at, String format) throws IOException {
        return request("GET", "/v1/scope/" + segment(person), query("at", at, "format", format), null);
    }

    public String audit(String at, String format) throws IOException {
        return request("GET", "/v1/audit", query("at", at, "format", format), null);
    }

    /** events: an event object, an array of them, or JSON Lines. */
    public String assess(String events, String format) throws IOException {
        return request("POST", "/v1/assess", query("format", format), events.getBytes(UTF8));
    }

    public String validate(String model) throws IOException {
        return request("POST", "/v1/validate", null, model.getBytes(UTF8));
    }

    /** record: null for the server's own (--record); at: the instant the duties are judged at (null: now). */
    public String duties(String record, String year, String at, String format) throws IOException {
        return request("POST", "/v1/duties", query("year", year, "at", at, "format", format),
                       record != null ? record.getBytes(UTF8) : new byte[0]);
    }

    public String reload() throws IOException {
        return request("POST", "/v1/reload", null, new byte[0]);
    }

    public String metrics() throws IOException {
        return request("GET", "/metrics", null, null);
    }

    private static String segment(String id) throws UnsupportedEncodingException {
        // URLEncoder is for forms: a space would be '+'
        return URLEncoder.encode(id, "UTF-8").replace("+", "%20");
    }

    /** Pairs of name and value; null values left out. */
    private static String query(String... pairs) throws UnsupportedEncodingException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] == null)
                continue;
            out.append(out.length() == 0 ? "?" : "&").append(pairs[i]).append('=')
               .append(URLEncoder.encode(pairs[i + 1], "UTF-8").replace("+", "%20"));
        }
        return out.toString();
    }

    private String request(String method, String path, String query, byte[] body) throws IOException {
        URL url = new URL(base + path + (query != null ? query : ""));
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        conn.setRequestMethod(method);
        conn.setConnectTimeout(timeoutMillis);
        conn.setReadTimeout(timeoutMillis);
        if (token != null)
            conn.setRequestProperty("Authorization", "Bearer " + token);
        if (body != null) {
            conn.setDoOutput(true);
            conn.setRequestProperty("Content-Type", "application/json");
            conn.setFixedLengthStreamingMode(body.length);
            OutputStream out = conn.getOutputStream();
            try {
                out.write(body);
            } finally {
                out.close();
            }
        }
        int status = conn.getResponseCode();
        InputStream in = status < 400 ? conn.getInputStream() : conn.getErrorStream();
        String text = in != null ? readAll(in) : "";
        if (status != 200)
            throw new RespException(status, field(text, "code"), field(text, "message"), text);
        return text;
    }

    private static String readAll(InputStream in) throws IOException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0)
                out.write(buf, 0, n);
            return new String(out.toByteArray(), UTF8);
        } finally {
            // read to the end and closed: the connection goes back to the keep-alive cache
            in.close();
        }
    }

    /** A string field of the error object, enough for the code and message. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null;
    }

    /** The body of one question on stdout, as the CLI prints it; see the top of the file. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: RespClient URL health | who NODE [AT] | scope PERSON [AT] | audit [AT]"
                               + " | assess FILE [FORMAT] | validate FILE | duties YEAR [AT] | reload");
            System.exit(2);
        }
        RespClient client = new RespClient(args[0], System.getenv("RESP_TOKEN"), 60000);
        String what = args[1];
        String out;
        try {
            if (what.equals("health"))
                out = client.health();
            else if (what.equals("who"))
                out = client.who(args[2], args.length > 3 ? args[3] : null, null);
            else if (what.equals("scope"))
                out = client.scope(args[2], args.length > 3 ? args[3] : null, null);
            else if (what.equals("audit"))
                out = client.audit(args.length > 2 ? args[2] : null, null);
            else if (what.equals("assess"))
                out = client.assess(read(args[2]), args.length > 3 ? args[3] : null);
            else if (what.equals("validate"))
                out = client.validate(read(args[2]));
            else if (what.equals("duties"))
                out = client.duties(null, args[2], args.length > 3 ? args[3] : null, null);
            else if (what.equals("reload"))
                out = client.reload();
            else {
                System.err.println("RespClient: unknown question '" + what + "'");
                System.exit(2);
                return;
            }
        } catch (RespException e) {
            System.err.println("RespClient: " + e.getMessage());
            System.exit(1);
            return;
        }
        OutputStream stdout = System.out;
        stdout.write(out.getBytes(UTF8));
        stdout.flush();
    }

    private static String read(String path) throws IOException {
        return new String(Files.readAllBytes(Paths.get(path)), UTF8);
    }
}
