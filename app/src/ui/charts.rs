//! Charts drawn as SVG on the server (readable without JavaScript), each with its data as a
//! table for screen readers and for anyone who asks to see it.

use crate::i18n::Lang;
use leptos::prelude::*;

/// A chart's rows, each with one bar per series (the compared groups).
#[derive(Clone, Debug, PartialEq)]
pub struct BarData {
    pub series: Vec<String>,
    pub rows: Vec<BarRow>,
    /// Bars scaled to 100 % (rates) rather than to the largest share (distributions).
    pub whole: bool,
}

/// A row's counts per series, and what each is a share of.
#[derive(Clone, Debug, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub counts: Vec<i64>,
    pub totals: Vec<i64>,
}

const WIDTH: f64 = 320.0;
const BAR: f64 = 14.0;
const LABEL: f64 = 16.0;
const GAP: f64 = 10.0;
const SERIES_CLASSES: [&str; 5] = ["s0", "s1", "s2", "s3", "s4"];

fn share(count: i64, total: i64) -> f64 {
    if total > 0 {
        count as f64 / total as f64
    } else {
        0.0
    }
}

fn percent_text(count: i64, total: i64) -> String {
    format!(
        "{} ({} %)",
        count,
        crate::analytics::types::percent(count, total)
    )
}

fn truncate(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        format!("{}…", label.chars().take(max - 1).collect::<String>())
    }
}

/// A horizontal bar chart: each row's label above its bars, one bar per series, with the count
/// and share at its end. Bars are scaled to the largest share, so small differences show.
#[component]
pub fn BarChart(
    /// Names the chart and its table.
    caption: String,
    data: BarData,
    lang: Lang,
    /// The table's first column's heading.
    category: &'static str,
) -> impl IntoView {
    let t = chart_texts(lang);
    let series_count = data.series.len().max(1);
    let row_height = LABEL + BAR * series_count as f64 + GAP;
    let height = row_height * data.rows.len() as f64 + 4.0;
    let largest = if data.whole {
        1.0
    } else {
        data.rows
            .iter()
            .flat_map(|row| {
                row.counts
                    .iter()
                    .zip(&row.totals)
                    .map(|(c, t)| share(*c, *t))
            })
            .fold(0.0, f64::max)
            .max(0.01)
    };
    let bar_room = WIDTH - 90.0;
    let named_series = data.series.len() > 1;
    let bars = data
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let top = i as f64 * row_height;
            let bars = row
                .counts
                .iter()
                .zip(&row.totals)
                .enumerate()
                .map(|(s, (count, total))| {
                    let y = top + LABEL + s as f64 * BAR;
                    let width = (share(*count, *total) / largest * bar_room).max(1.0);
                    view! {
                        <rect class=format!("bar {}", SERIES_CLASSES[s % SERIES_CLASSES.len()])
                            x="0" y=format!("{y:.1}") width=format!("{width:.1}") height=format!("{:.1}", BAR - 2.0) rx="2"/>
                        <text class="bar-value" x=format!("{:.1}", width + 4.0) y=format!("{:.1}", y + BAR - 4.0)>
                            {percent_text(*count, *total)}
                        </text>
                    }
                })
                .collect_view();
            view! {
                <text class="bar-label" x="0" y=format!("{:.1}", top + LABEL - 4.0)>{truncate(&row.label, 52)}</text>
                {bars}
            }
        })
        .collect_view();
    let table_id = format!("chart-table-{}", caption_id(&caption));
    view! {
        <figure class="chart">
            <figcaption>{caption.clone()}</figcaption>
            {named_series.then(|| view! {
                <ul class="chart-legend" aria-hidden="true">
                    {data.series.iter().enumerate().map(|(s, name)| view! {
                        <li><span class=format!("swatch {}", SERIES_CLASSES[s % SERIES_CLASSES.len()])></span>{name.clone()}</li>
                    }).collect_view()}
                </ul>
            })}
            <svg viewBox=format!("0 0 {WIDTH} {height:.0}") width="100%" role="img" aria-hidden="true"
                preserveAspectRatio="xMinYMin meet">
                {bars}
            </svg>
            // A disclosure the browser keeps: no script, so the chart stays server-rendered.
            <details class="chart-data" id=table_id>
                <summary class="chart-toggle">
                    <span class="when-closed">{t.show_table}</span>
                    <span class="when-open">{t.hide_table}</span>
                </summary>
                <div class="table-scroll">
                    <table>
                        <caption>{caption}</caption>
                        <thead><tr>
                            <th scope="col">{category}</th>
                            {data.series.iter().map(|name| view! {
                                <th scope="col">{if name.is_empty() { t.count.to_string() } else { name.clone() }}</th>
                            }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {data.rows.iter().map(|row| view! {
                                <tr>
                                    <th scope="row">{row.label.clone()}</th>
                                    {row.counts.iter().zip(&row.totals).map(|(c, total)| view! {
                                        <td>{percent_text(*c, *total)}</td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

/// A stable id fragment from a caption.
fn caption_id(caption: &str) -> String {
    let mut hash: u32 = 2166136261;
    for byte in caption.bytes() {
        hash = (hash ^ byte as u32).wrapping_mul(16777619);
    }
    format!("{hash:x}")
}

/// A progress bar for a share done: answered of targeted.
#[component]
pub fn Progress(done: i64, of: i64, label: String) -> impl IntoView {
    let share = crate::analytics::types::percent(done, of);
    view! {
        <div class="progress">
            <span class="progress-label">{label}": "<strong>{format!("{done} / {of} ({share} %)")}</strong></span>
            <progress max=of.max(1) value=done aria-label=format!("{done} / {of}")></progress>
        </div>
    }
}

struct ChartTexts {
    show_table: &'static str,
    hide_table: &'static str,
    count: &'static str,
}

fn chart_texts(lang: Lang) -> &'static ChartTexts {
    match lang {
        Lang::Uk => &ChartTexts {
            show_table: "Показати таблицю",
            hide_table: "Сховати таблицю",
            count: "Кількість",
        },
        Lang::En => &ChartTexts {
            show_table: "Show the table",
            hide_table: "Hide the table",
            count: "Count",
        },
    }
}
