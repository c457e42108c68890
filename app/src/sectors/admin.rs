//! `/admin/sectors`: admins add sectors and rename them (Ukrainian and English). A sector's
//! slug is its address in filters and links, so it never changes once given.

use super::Sector;
use crate::accounts::admin_pages::AdminNav;
use crate::accounts::pages::Guarded;
use crate::accounts::types::Capability;
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::ui::editor::{save_outcome, Bound, EditError, FieldProblem, TextField};
use crate::ui::{await_view, PageMeta};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(input = Json)]
pub async fn list_sectors() -> Result<Vec<Sector>, AppError> {
    AppError::reply(
        async {
            let state = crate::state::app_state()?;
            Ok(super::storage::all(&state.db).await?)
        }
        .await,
    )
}

/// Adds a sector (`new`) or renames the one with this slug.
#[server(input = Json)]
pub async fn save_sector(sector: Sector, new: bool) -> Result<(), EditError> {
    EditError::reply(
        async {
            let account = crate::accounts::authz::require(Capability::ManageSectors).await?;
            let state = crate::state::app_state()?;
            super::storage::save(&state.db, &account.actor(), &sector, new)
                .await
                .map_err(|error| match error {
                    super::storage::SectorError::Invalid(problems) => EditError::Invalid(problems),
                    super::storage::SectorError::Database(error) => EditError::App(error.into()),
                })
        }
        .await,
    )
}

pub fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::Uk => "Сектори",
        Lang::En => "Sectors",
    }
}

struct SectorTexts {
    intro: &'static str,
    slug: &'static str,
    slug_hint: &'static str,
    name_uk: &'static str,
    name_en: &'static str,
    add: &'static str,
    add_title: &'static str,
    rename: &'static str,
    saved: &'static str,
}

fn sector_texts(lang: Lang) -> &'static SectorTexts {
    match lang {
        Lang::Uk => &SectorTexts {
            intro:
                "Сектори, за якими впорядковано ініціативи, новини, опитування й потреби громад.",
            slug: "Адреса (латиницею)",
            slug_hint: "Не змінюється після додавання, наприклад health-care.",
            name_uk: "Назва",
            name_en: "Назва англійською",
            add: "Додати сектор",
            add_title: "Новий сектор",
            rename: "Зберегти назви",
            saved: "Збережено.",
        },
        Lang::En => &SectorTexts {
            intro: "The sectors that initiatives, news, surveys and hromadas' needs are sorted by.",
            slug: "Address (Latin letters)",
            slug_hint: "It does not change once added, such as health-care.",
            name_uk: "Name (Ukrainian)",
            name_en: "Name in English",
            add: "Add the sector",
            add_title: "New sector",
            rename: "Save the names",
            saved: "Saved.",
        },
    }
}

#[component]
pub fn SectorsPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let st = sector_texts(lang);
    view! {
        <PageMeta title=title(lang) description=st.intro/>
        <div class="page admin">
            <Guarded capability=Capability::ManageSectors>
                <AdminNav lang current="/admin/sectors"/>
                <h1>{title(lang)}</h1>
                <p>{st.intro}</p>
                <SectorsAdmin lang/>
            </Guarded>
        </div>
    }
}

/// The sectors, each renamed in place, and the form that adds one to the list.
#[island(lazy)]
fn SectorsAdmin(lang: Lang) -> impl IntoView {
    let st = sector_texts(lang);
    let add = ServerAction::<SaveSector>::new();
    let data = Resource::new(move || add.version().get(), |_| list_sectors());
    view! {
                {await_view(data, move |sectors| view! {
                    <ul class="sector-admin-list">
                        {sectors.into_iter().map(|sector| view! { <li><SectorForm sector new=false lang/></li> }).collect_view()}
                    </ul>
                })}
                <section class="panel" aria-labelledby="new-sector">
                    <h2 id="new-sector">{st.add_title}</h2>
                    <SectorFormWith action=add sector=Sector { slug: String::new(), name_uk: String::new(), name_en: String::new() } new=true lang/>
                </section>
    }
}

#[component]
fn SectorForm(sector: Sector, new: bool, lang: Lang) -> impl IntoView {
    let action = ServerAction::<SaveSector>::new();
    view! { <SectorFormWith action sector new lang/> }
}

#[component]
fn SectorFormWith(
    action: ServerAction<SaveSector>,
    sector: Sector,
    new: bool,
    lang: Lang,
) -> impl IntoView {
    let st = sector_texts(lang);
    let form = RwSignal::new(sector.clone());
    let (problems, failure) = save_outcome(action.value(), lang);
    let prefix = if new {
        "new".to_string()
    } else {
        sector.slug.clone()
    };
    // A rename form's fields are named after its sector, so every form's ids stay unique.
    let problems = if new {
        problems
    } else {
        let prefix = prefix.clone();
        Signal::derive(move || {
            problems
                .get()
                .into_iter()
                .map(|p| FieldProblem::new(format!("{prefix}.{}", p.field), p.problem))
                .collect()
        })
    };
    let field = |get: fn(&Sector) -> &String, set: fn(&mut Sector, String)| {
        Bound::new(
            move || form.with(|s| get(s).clone()),
            move |value| form.update(|s| set(s, value)),
        )
    };
    view! {
        <form class="stacked-form sector-form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            action.dispatch(SaveSector { sector: form.get_untracked(), new });
        }>
            {if new {
                view! { <TextField name="slug" label=st.slug bound=field(|s| &s.slug, |s, v| s.slug = v) problems required=true hint=st.slug_hint/> }.into_any()
            } else {
                view! { <p><code>{sector.slug.clone()}</code></p> }.into_any()
            }}
            <div class="field-row" id=format!("sector-{prefix}")>
                <TextField name=if new { "name_uk".to_string() } else { format!("{prefix}.name_uk") } label=st.name_uk
                    bound=field(|s| &s.name_uk, |s, v| s.name_uk = v) problems required=true/>
                <TextField name=if new { "name_en".to_string() } else { format!("{prefix}.name_en") } label=st.name_en
                    bound=field(|s| &s.name_en, |s, v| s.name_en = v) problems lang_attr="en"/>
            </div>
            {move || failure.get().map(|m| view! { <p class="form-notice" role="alert">{m}</p> })}
            {move || matches!(action.value().get(), Some(Ok(()))).then(|| view! { <p class="form-notice success" role="status">{st.saved}</p> })}
            <button type="submit" class="button" disabled=move || action.pending().get()>{if new { st.add } else { st.rename }}</button>
        </form>
    }
}
