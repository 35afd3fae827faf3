/** An end user's browser, as far as the hosted link flow needs one: cookies, forms, redirects
 * followed by hand. Used by the live tests to consent at the Xero sandbox over HTTP. */

export class Browser {
  private readonly cookies = new Map<string, Map<string, string>>();

  private jar(url: URL): Map<string, string> {
    let jar = this.cookies.get(url.host);
    if (!jar) this.cookies.set(url.host, (jar = new Map()));
    return jar;
  }

  async request(url: string, init: { method?: string; form?: Record<string, string | string[]> } = {}) {
    const target = new URL(url);
    const jar = this.jar(target);
    const headers: Record<string, string> = {};
    if (jar.size) headers.Cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: URLSearchParams | undefined;
    if (init.form) {
      body = new URLSearchParams();
      for (const [name, value] of Object.entries(init.form)) {
        for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
      }
    }
    const response = await fetch(target, {
      method: init.method ?? (body ? "POST" : "GET"),
      headers,
      body,
      redirect: "manual",
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (pair && at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const location = response.headers.get("Location");
    return {
      status: response.status,
      location: location === null ? null : new URL(location, target).toString(),
      text: await response.text(),
    };
  }
}

/** The value of `<input ... name="NAME" value="...">` (or of the one with `id="ID"`). */
export function inputValue(html: string, attribute: "name" | "id", key: string): string {
  for (const tag of html.match(/<input\b[^>]*>/g) ?? []) {
    if (tag.includes(`${attribute}="${key}"`)) {
      const value = /\bvalue="([^"]*)"/.exec(tag)?.[1];
      if (value !== undefined) return value;
    }
  }
  throw new Error(`no input with ${attribute}="${key}" in the page`);
}
