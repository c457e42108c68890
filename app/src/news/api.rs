//! Reading news: open to everyone. Arguments travel as JSON.

use super::types::*;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ui::editor::EditError;
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

#[server(input = Json)]
pub async fn list_editable_news(page: u32) -> Result<EditableNewsPage, AppError> {
    AppError::reply(
        async {
            crate::accounts::authz::require(crate::accounts::types::Capability::EditContent)
                .await?;
            let state = crate::state::app_state()?;
            Ok(super::storage::editable(&state.db, page).await?)
        }
        .await,
    )
}

/// The editor's form: empty for a new item (`id` None), else the saved one.
#[server(input = Json)]
pub async fn load_news_editor(id: Option<i64>, lang: Lang) -> Result<NewsEditor, AppError> {
    AppError::reply(
        async {
            crate::accounts::authz::require(crate::accounts::types::Capability::EditContent)
                .await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let (slug, news_state, form) = match id {
                None => (String::new(), NewsState::Draft, NewsForm::default()),
                Some(id) => super::storage::form(&state.db, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            };
            Ok(NewsEditor {
                id,
                slug,
                state: news_state,
                form,
                initiatives: crate::initiatives::storage::choices(&state.db, lang).await?,
                sectors: crate::sectors::storage::all(&state.db).await?,
                oblasts: registry
                    .oblasts()
                    .iter()
                    .map(|o| crate::common::HromadaLink {
                        katottg: o.katottg.clone(),
                        name: o.name(lang).to_string(),
                    })
                    .collect(),
            })
        }
        .await,
    )
}

/// Saves the item and sets its visibility: a draft, published (now or from its time), or
/// scheduled.
#[server(input = Json)]
pub async fn save_news(
    id: Option<i64>,
    form: NewsForm,
    publishing: Publishing,
) -> Result<SavedNews, EditError> {
    use super::storage::NewsError;
    EditError::reply(
        async {
            let account =
                crate::accounts::authz::require(crate::accounts::types::Capability::EditContent)
                    .await?;
            let state = crate::state::app_state()?;
            let registry = state.registry().await?;
            let at = crate::audit::now();
            let saved = async {
                let draft =
                    super::storage::draft_from_form(&state.db, &registry, &form, publishing, at)
                        .await?;
                let id = super::storage::save(&state.db, &account.actor(), id, &draft).await?;
                Ok::<_, NewsError>((id, draft))
            }
            .await;
            let (id, draft) = saved.map_err(|error| match error {
                NewsError::Invalid(problems) => EditError::Invalid(problems),
                NewsError::Database(error) => EditError::App(error.into()),
            })?;
            let (slug, news_state, _) = super::storage::form(&state.db, id)
                .await
                .map_err(AppError::from)?
                .ok_or(AppError::NotFound)?;
            Ok(SavedNews {
                id,
                slug,
                state: news_state,
                publish_at: crate::clock::kyiv_local_string(draft.publish_at),
            })
        }
        .await,
    )
}
