//! Live updates: a write that changes what a dashboard shows publishes the name of what changed
//! (a topic: `survey:5`, `needs`); the server fans it out over Server-Sent Events at `/live`, and
//! each tab holds one connection, whose pages ask again for what they show when their topic
//! comes. A reconnecting tab names the last event it saw and is sent what it missed.

/// The topic of a survey's answers.
pub fn survey_topic(survey: i64) -> String {
    format!("survey:{survey}")
}

pub const NEEDS_TOPIC: &str = "needs";

#[cfg(feature = "ssr")]
pub use hub::{live_events, LiveHub, TopicCache};

#[cfg(feature = "ssr")]
mod hub {
    use crate::state::AppState;
    use axum::extract::State;
    use axum::http::HeaderMap;
    use axum::response::sse::{Event, KeepAlive, Sse};
    use std::collections::{HashMap, VecDeque};
    use std::convert::Infallible;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;
    use tokio::sync::broadcast;

    /// Events kept for tabs that reconnect.
    const KEPT: usize = 4096;

    #[derive(Clone, Debug)]
    struct Published {
        seq: u64,
        topic: Arc<str>,
    }

    /// The process's events: a broadcast to connected tabs and the latest ones for catching up.
    /// Event ids are `{epoch}-{seq}`: an id of an earlier process (a restart) is told apart.
    #[derive(Debug)]
    pub struct LiveHub {
        epoch: String,
        sender: broadcast::Sender<Published>,
        recent: Mutex<(u64, VecDeque<Published>)>,
        /// Each topic's latest event, for caches of what it shows.
        versions: Mutex<HashMap<String, u64>>,
    }

    impl Default for LiveHub {
        fn default() -> Self {
            let epoch = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis());
            LiveHub {
                epoch: format!("{epoch:x}"),
                sender: broadcast::channel(KEPT).0,
                recent: Mutex::new((0, VecDeque::with_capacity(KEPT))),
                versions: Mutex::default(),
            }
        }
    }

    /// What a tab is sent after reconnecting with the id of the last event it saw.
    #[derive(Debug)]
    enum CatchUp {
        Missed(Vec<Published>),
        /// Too old or from another process: the tab asks again for everything it shows.
        Everything,
    }

    impl LiveHub {
        pub fn publish(&self, topic: &str) {
            let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
            recent.0 += 1;
            let event = Published {
                seq: recent.0,
                topic: topic.into(),
            };
            if recent.1.len() == KEPT {
                recent.1.pop_front();
            }
            recent.1.push_back(event.clone());
            self.versions
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(topic.to_string(), recent.0);
            // Sent under the lock, so the order of the broadcast is the order of the ids.
            let _ = self.sender.send(event);
        }

        /// The sequence number of `topic`'s latest event (0 before any).
        pub fn version(&self, topic: &str) -> u64 {
            let versions = self.versions.lock().unwrap_or_else(|e| e.into_inner());
            versions.get(topic).copied().unwrap_or(0)
        }

        fn id(&self, seq: u64) -> String {
            format!("{}-{seq}", self.epoch)
        }

        /// Subscribes first, then reads what was missed, so nothing falls between the two;
        /// events the subscription also holds are skipped by their sequence number.
        fn subscribe(
            &self,
            last_id: Option<&str>,
        ) -> (broadcast::Receiver<Published>, CatchUp, u64) {
            let receiver = self.sender.subscribe();
            let recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
            let now = recent.0;
            let catch_up = match last_id {
                None => CatchUp::Missed(Vec::new()),
                Some(id) => match id.split_once('-') {
                    Some((epoch, seq)) if epoch == self.epoch => match seq.parse::<u64>() {
                        Ok(seq) if seq <= now => {
                            let oldest = recent.1.front().map_or(now + 1, |e| e.seq);
                            if seq + 1 >= oldest {
                                CatchUp::Missed(
                                    recent.1.iter().filter(|e| e.seq > seq).cloned().collect(),
                                )
                            } else {
                                CatchUp::Everything
                            }
                        }
                        _ => CatchUp::Everything,
                    },
                    _ => CatchUp::Everything,
                },
            };
            (receiver, catch_up, now)
        }
    }

    /// The topic's version it was computed at, when, and the value.
    type Entry<V> = (u64, std::time::Instant, Arc<V>);

    /// What a topic's pages show, computed once per change of the topic and shared by every
    /// viewer with the same key (filter, language, role); kept at most `MAX_AGE`, since some of
    /// it follows the clock (a survey closing).
    pub struct TopicCache<V> {
        entries: Mutex<HashMap<String, Entry<V>>>,
    }

    impl<V> Default for TopicCache<V> {
        fn default() -> Self {
            TopicCache {
                entries: Mutex::default(),
            }
        }
    }

    impl<V> std::fmt::Debug for TopicCache<V> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("TopicCache")
        }
    }

    const MAX_AGE: Duration = Duration::from_secs(15);
    const MAX_ENTRIES: usize = 512;

    impl<V> TopicCache<V> {
        pub async fn get<E, F>(
            &self,
            hub: &LiveHub,
            topic: &str,
            key: String,
            compute: F,
        ) -> Result<Arc<V>, E>
        where
            F: std::future::Future<Output = Result<V, E>>,
        {
            // Read before computing: a change while computing leaves the entry already stale.
            let version = hub.version(topic);
            let key = format!("{topic}|{key}");
            {
                let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
                if let Some((v, at, value)) = entries.get(&key) {
                    if *v == version && at.elapsed() < MAX_AGE {
                        return Ok(value.clone());
                    }
                }
            }
            let value = Arc::new(compute.await?);
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            if entries.len() >= MAX_ENTRIES {
                entries.retain(|_, (v, at, _)| at.elapsed() < MAX_AGE && *v == version);
                if entries.len() >= MAX_ENTRIES {
                    entries.clear();
                }
            }
            entries.insert(key, (version, std::time::Instant::now(), value.clone()));
            Ok(value)
        }
    }

    fn event(hub: &LiveHub, published: &Published) -> Event {
        Event::default()
            .id(hub.id(published.seq))
            .event("change")
            .data(&*published.topic)
    }

    /// `GET /live`: the event stream of one tab.
    pub async fn live_events(
        State(state): State<AppState>,
        headers: HeaderMap,
    ) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
        let hub = state.live.clone();
        let last_id = headers
            .get("last-event-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let (receiver, catch_up, now) = hub.subscribe(last_id.as_deref());
        let first: Vec<Event> = match catch_up {
            CatchUp::Missed(missed) => missed.iter().map(|p| event(&hub, p)).collect(),
            CatchUp::Everything => vec![Event::default().id(hub.id(now)).event("reset").data("")],
        };
        let stream = futures_util::stream::unfold(
            (receiver, first.into_iter(), now, hub),
            |(mut receiver, mut first, mut seen, hub)| async move {
                if let Some(event) = first.next() {
                    return Some((Ok(event), (receiver, first, seen, hub)));
                }
                loop {
                    match receiver.recv().await {
                        Ok(published) if published.seq <= seen => continue,
                        Ok(published) => {
                            seen = published.seq;
                            let event = event(&hub, &published);
                            return Some((Ok(event), (receiver, first, seen, hub)));
                        }
                        // This tab fell behind the broadcast: it asks again for everything.
                        Err(broadcast::error::RecvError::Lagged(_)) => {
                            let reset = Event::default().event("reset").data("");
                            return Some((Ok(reset), (receiver, first, seen, hub)));
                        }
                        Err(broadcast::error::RecvError::Closed) => return None,
                    }
                }
            },
        );
        Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn topics(catch_up: CatchUp) -> Vec<String> {
            match catch_up {
                CatchUp::Missed(missed) => missed.iter().map(|p| p.topic.to_string()).collect(),
                CatchUp::Everything => vec!["everything".into()],
            }
        }

        #[test]
        fn a_reconnecting_tab_gets_what_it_missed() {
            let hub = LiveHub::default();
            hub.publish("survey:1");
            let seen = hub.id(1);
            hub.publish("needs");
            hub.publish("survey:2");
            let (_, catch_up, now) = hub.subscribe(Some(&seen));
            assert_eq!(now, 3);
            assert_eq!(topics(catch_up), ["needs", "survey:2"]);
            let (_, catch_up, _) = hub.subscribe(Some(&hub.id(3)));
            assert!(topics(catch_up).is_empty());
            let (_, catch_up, _) = hub.subscribe(None);
            assert!(topics(catch_up).is_empty());
        }

        #[test]
        fn an_unknown_or_forgotten_id_asks_for_everything() {
            let hub = LiveHub::default();
            for n in 0..KEPT + 10 {
                hub.publish(&format!("survey:{n}"));
            }
            for id in ["0-1", "garbage", &hub.id(2), &hub.id(99_999)] {
                let (_, catch_up, _) = hub.subscribe(Some(id));
                assert_eq!(topics(catch_up), ["everything"], "{id}");
            }
            let (_, catch_up, _) = hub.subscribe(Some(&hub.id(KEPT as u64 + 5)));
            assert_eq!(topics(catch_up).len(), 5);
        }

        #[tokio::test]
        async fn subscribers_receive_in_order() {
            let hub = LiveHub::default();
            let (mut receiver, _, _) = hub.subscribe(None);
            hub.publish("survey:7");
            hub.publish("needs");
            assert_eq!(&*receiver.recv().await.unwrap().topic, "survey:7");
            assert_eq!(&*receiver.recv().await.unwrap().topic, "needs");
        }
    }
}

/// In the browser: one connection per tab, opened by the first page that listens.
#[cfg(feature = "hydrate")]
mod client {
    use leptos::prelude::*;
    use std::cell::RefCell;

    /// The tab's connection, and its latest event: a counter and the topic.
    type Tab = (
        gloo_net::eventsource::futures::EventSource,
        RwSignal<(u64, String)>,
    );

    thread_local! {
        static TAB: RefCell<Option<Tab>> = const { RefCell::new(None) };
    }

    /// The latest event of the tab (a counter and its topic; `*` after a reconnection or a
    /// reset, when every page asks again).
    pub fn latest() -> Option<RwSignal<(u64, String)>> {
        TAB.with(|tab| {
            if let Some((_, latest)) = &*tab.borrow() {
                return Some(*latest);
            }
            let mut source = gloo_net::eventsource::futures::EventSource::new("/live").ok()?;
            let latest = RwSignal::new((0u64, String::new()));
            let changes = source.subscribe("change").ok()?;
            let resets = source.subscribe("reset").ok()?;
            let open = source.subscribe("open").ok()?;
            let bump = move |topic: String| {
                latest.update(|(n, t)| {
                    *n += 1;
                    *t = topic;
                })
            };
            leptos::task::spawn_local(async move {
                use futures_util::StreamExt;
                let mut all = futures_util::stream::select(
                    futures_util::stream::select(changes, resets),
                    open,
                );
                let mut opened_before = false;
                while let Some(message) = all.next().await {
                    match message {
                        Ok((kind, event)) if kind == "change" => {
                            bump(event.data().as_string().unwrap_or_default())
                        }
                        Ok((kind, _)) if kind == "open" => {
                            // The browser reconnects by itself; a reconnection may have missed
                            // events the server no longer keeps, so pages ask again.
                            if opened_before {
                                bump("*".into());
                            }
                            opened_before = true;
                        }
                        Ok(_) => bump("*".into()),
                        // Connection errors: the browser retries on its own.
                        Err(_) => {}
                    }
                }
            });
            *tab.borrow_mut() = Some((source, latest));
            Some(latest)
        })
    }
}

/// A counter that grows when `topic` changes on the server (or the tab has to assume it did),
/// at most about three times a second, so a page can ask again for what it shows. Constant on
/// the server and before hydration.
pub fn watch(topic: leptos::prelude::Signal<String>) -> leptos::prelude::Signal<u64> {
    use leptos::prelude::*;
    let ticks = RwSignal::new(0u64);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let Some(latest) = client::latest() else {
            return;
        };
        let pending = StoredValue::new(false);
        Effect::new(move |_| {
            let (n, changed) = latest.get();
            let wanted = changed == "*" || topic.with_untracked(|t| *t == changed);
            if n == 0 || !wanted || pending.get_value() {
                return;
            }
            pending.set_value(true);
            set_timeout(
                move || {
                    pending.set_value(false);
                    ticks.update(|t| *t += 1);
                },
                std::time::Duration::from_millis(300),
            );
        });
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = topic;
    ticks.into()
}
