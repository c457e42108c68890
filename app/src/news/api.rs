//! Reading news: open to everyone. Arguments travel as JSON.

use super::types::*;
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(input = Json)]
pub async fn load_news_list(query: NewsQuery, lang: Lang) -> Result<NewsListPage, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let at = crate::audit::now();
            let page = super::storage::list(&state.db, &registry, &query, lang, at).await?;
            if !query.tag.is_empty() && page.tag.is_none() {
                return Err(AppError::NotFound);
            }
            Ok(page)
        }
        .await,
    )
}

#[server(input = Json)]
pub async fn load_news_article(slug: String, lang: Lang) -> Result<NewsLookup, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let found =
                super::storage::article(&state.db, &registry, &slug, lang, crate::audit::now())
                    .await?
                    .ok_or(AppError::NotFound)?;
            Ok(match found {
                NewsLookup::Found(mut article) => {
                    article.url = format!(
                        "{}{}",
                        state.public_url,
                        lang.href(&format!("/news/{}", article.slug))
                    );
                    NewsLookup::Found(article)
                }
                moved => moved,
            })
        }
        .await,
    )
}

/// The newest items, for the home page.
#[server(input = Json)]
pub async fn load_newest_news(lang: Lang) -> Result<Vec<NewsCard>, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            Ok(super::storage::newest(&state.db, lang, crate::audit::now(), HOME_NEWS).await?)
        }
        .await,
    )
}
