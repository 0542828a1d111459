//! Macros: `format!`/`write!` templates and what they interpolate, `vec![x; n]`, statement
//! macros.

use super::*;

/// Workspace macros expanded inside expansions this deep (a macro calling itself stops there).
const MAX_EXPANSIONS: usize = 3;

impl Walk<'_, '_, '_> {
    pub(super) fn mac(&mut self, mac: &syn::Macro) -> Taint {
        let name = crate::macros::macro_name(mac);
        if name == "vec" {
            return self.vec_macro(mac);
        }
        if name == "matches" {
            return Vec::new();
        }
        if self.expansions < MAX_EXPANSIONS
            && let Some(tokens) = self.engine.outside.expand(mac)
        {
            self.expansions += 1;
            let value = match syn::parse2::<syn::Expr>(tokens.clone()) {
                Ok(e) => self.expr(&e),
                Err(_) => match syn::parse2::<syn::Block>(quote::quote!({ #tokens })) {
                    Ok(b) => self.block(&b),
                    Err(_) => Vec::new(),
                },
            };
            self.expansions -= 1;
            return value;
        }
        let Some(body) = crate::macros::parse_body(&name, mac) else {
            return Vec::new();
        };
        match body {
            crate::macros::MacroBody::Stmts(stmts) => {
                for s in &stmts {
                    self.stmt(s);
                }
                Vec::new()
            }
            crate::macros::MacroBody::Exprs(args) => {
                let is_format = matches!(name.as_str(), "format" | "format_args" | "concat");
                let is_write = matches!(name.as_str(), "write" | "writeln");
                if is_format || is_write {
                    // Text made of a joined path is no longer the path (`format!("{}", p.display())`).
                    let text = self.format(&name, mac, &args, is_write);
                    return self.after_path_method("format!", text);
                }
                for a in &args {
                    self.expr(a);
                }
                Vec::new()
            }
        }
    }

    pub(super) fn vec_macro(&mut self, mac: &syn::Macro) -> Taint {
        let tokens: Vec<TokenTree> = mac.tokens.clone().into_iter().collect();
        let semi = tokens
            .iter()
            .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ';'));
        if let Some(semi) = semi {
            let elem: TokenStream = tokens[..semi].iter().cloned().collect();
            let len: TokenStream = tokens[semi + 1..].iter().cloned().collect();
            if let (Ok(elem), Ok(len)) = (
                syn::parse2::<syn::Expr>(elem),
                syn::parse2::<syn::Expr>(len),
            ) {
                let n = self.expr(&len);
                self.sink_value(
                    SinkKind::Allocation,
                    "`vec![..; n]`",
                    mac.path.span(),
                    &len,
                    n,
                );
                return self.expr(&elem);
            }
            return Vec::new();
        }
        let Some(crate::macros::MacroBody::Exprs(args)) = crate::macros::parse_body("vec", mac)
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for a in &args {
            let t = self.expr(a);
            union(&mut out, t);
        }
        out
    }

    /// `format!("..{x}..", y)`: the text holds every interpolated value.
    pub(super) fn format(
        &mut self,
        name: &str,
        mac: &syn::Macro,
        args: &[syn::Expr],
        is_write: bool,
    ) -> Taint {
        let template_at = args.iter().position(|a| literal_text(a).is_some());
        let template = template_at
            .and_then(|i| literal_text(&args[i]))
            .unwrap_or_default(); // optional: a template-less macro interpolates nothing
        let mut positional = Vec::new();
        let mut named: HashMap<String, Taint> = HashMap::new();
        for arg in args.iter().skip(template_at.map_or(0, |i| i + 1)) {
            match arg {
                syn::Expr::Assign(a) => {
                    let t = self.expr(&a.right);
                    if let Some(n) = local_name(&a.left) {
                        named.insert(n, t);
                    }
                }
                _ => positional.push(self.expr(arg)),
            }
        }
        let mut out = Vec::new();
        let mut next = 0;
        for (i, (offset, spec)) in crate::macros::placeholder_specs(&template)
            .into_iter()
            .enumerate()
        {
            let arg = spec.split(':').next().unwrap_or("").trim().to_string();
            let value = if arg.is_empty() {
                next += 1;
                positional.get(next - 1).cloned().unwrap_or_default() // optional: a missing argument (a compile error) carries nothing
            } else if let Ok(n) = arg.parse::<usize>() {
                positional.get(n).cloned().unwrap_or_default() // optional: a missing argument (a compile error) carries nothing
            } else if let Some(t) = named.get(&arg) {
                t.clone()
            } else {
                self.lookup(&arg)
            };
            // Only a value at the very start (after at most a scheme) decides the host.
            let decides_host = i == 0 && {
                let prefix = &template[..offset];
                prefix.is_empty()
                    || (prefix.ends_with("://")
                        && prefix[..prefix.len() - 3]
                            .chars()
                            .all(|c| c.is_ascii_alphabetic()))
            };
            let value = if self.kind() == SinkKind::Ssrf && !decides_host {
                clean(value, Cleans::For(SinkKind::Ssrf))
            } else {
                value
            };
            union(&mut out, value);
        }
        if template_at.is_none() {
            for t in positional {
                union(&mut out, t);
            }
        }
        let out = out
            .into_iter()
            .map(|mut f| {
                if f.kind != ValueKind::Number {
                    f.kind = ValueKind::Text;
                }
                f
            })
            .collect::<Taint>();
        if is_write {
            if let Some(key) = args
                .first()
                .and_then(|a| local_name(a).or_else(|| field_key(peel(a))))
                && !out.is_empty()
            {
                let out = with_step(
                    out,
                    mac.path.span(),
                    &format!("written into `{key}` by `{name}!`"),
                    Some(&key),
                );
                self.add_to(key, out);
            }
            return Vec::new();
        }
        with_step(
            out,
            mac.path.span(),
            &format!("formatted by `{name}!`"),
            None,
        )
    }
}
