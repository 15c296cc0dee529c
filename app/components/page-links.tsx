import { Form, Link, NavLink, useLocation, useMatches } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";

/**
 * Links and forms that know whether the page will hydrate. Pages with `handle.hydrate = false`
 * (the lesson page, decision 015) never run React in the browser, so Remix's client-side Link,
 * NavLink and Form would do nothing there but cost server time: they render as plain elements.
 */
export function useIsStaticPage(): boolean {
  return useMatches().some((m) => isStaticHandle(m.handle));
}

/** Does a route's `handle` say its page is served without React in the browser? */
export function isStaticHandle(handle: unknown): boolean {
  return (handle as { hydrate?: boolean } | undefined)?.hydrate === false;
}

export function PageLink({ to, children, ...props }: { to: string } & Omit<ComponentProps<"a">, "href">) {
  const plain = useIsStaticPage();
  return plain ? (
    <a href={to} {...props}>
      {children}
    </a>
  ) : (
    <Link to={to} {...props}>
      {children}
    </Link>
  );
}

export function PageNavLink({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  const plain = useIsStaticPage();
  const { pathname } = useLocation();
  if (!plain)
    return (
      <NavLink to={to} className={className}>
        {children}
      </NavLink>
    );
  const active = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <a
      href={to}
      aria-current={active ? "page" : undefined}
      className={[className, active ? "active" : ""].filter(Boolean).join(" ")}
    >
      {children}
    </a>
  );
}

export function PageForm({ action, className, children }: { action: string; className?: string; children: ReactNode }) {
  const plain = useIsStaticPage();
  return plain ? (
    <form method="post" action={action} className={className}>
      {children}
    </form>
  ) : (
    <Form method="post" action={action} className={className}>
      {children}
    </Form>
  );
}
