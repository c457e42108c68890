use crate::i18n::Lang;
use leptos::prelude::*;

/// Previous / next and a window of page numbers; `href` builds each page's link.
#[component]
pub fn Pagination(
    page: u32,
    pages: u32,
    lang: Lang,
    href: impl Fn(u32) -> String + 'static,
) -> impl IntoView {
    let t = lang.t();
    if pages <= 1 {
        return ().into_any();
    }
    let first = page.saturating_sub(2).max(1);
    let last = (first + 4).min(pages);
    let numbers: Vec<u32> = (first..=last).collect();
    view! {
        <nav class="pagination" aria-label=t.pagination>
            <p class="pagination-status">{(t.page_of)(page, pages)}</p>
            <ul>
                {(page > 1).then(|| view! { <li><a rel="prev" href=href(page - 1)>"← "{t.prev_page}</a></li> })}
                {(first > 1).then(|| view! { <li><a href=href(1)>"1"</a></li><li aria-hidden="true">"…"</li> })}
                {numbers
                    .into_iter()
                    .map(|n| {
                        if n == page {
                            view! { <li><a aria-current="page" href=href(n)>{n}</a></li> }.into_any()
                        } else {
                            view! { <li><a href=href(n)>{n}</a></li> }.into_any()
                        }
                    })
                    .collect_view()}
                {(last < pages).then(|| view! { <li aria-hidden="true">"…"</li><li><a href=href(pages)>{pages}</a></li> })}
                {(page < pages).then(|| view! { <li><a rel="next" href=href(page + 1)>{t.next_page}" →"</a></li> })}
            </ul>
        </nav>
    }
    .into_any()
}
