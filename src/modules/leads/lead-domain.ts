/**
 * The company domain of a lead, for duplicate detection against accounts (accounts.domain).
 * The website says it best; without one, the e-mail's host does, unless it is a free-mail
 * provider: "jane@gmail.com" tells nothing about Jane's company, and matching on it would
 * report every account that once registered with a gmail address. The list is short on purpose
 * (the providers that dominate business lead forms); a miss only costs a missed duplicate.
 */
const FREE_MAIL = new Set(['gmail.com', 'googlemail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'gmx.de', 'web.de', 'proton.me', 'protonmail.com']);

/** Lower-case host of a URL ("https://www.Acme.example/about" → "acme.example"), null when there is none. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`).hostname.toLowerCase();
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

export function leadDomain(website: string | null | undefined, email: string | null | undefined): string | null {
  const fromWebsite = hostOf(website);
  if (fromWebsite) return fromWebsite;
  const host = email?.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return host && email!.includes('@') && !FREE_MAIL.has(host) ? host : null;
}
