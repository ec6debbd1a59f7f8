//! Elements written without views, for lists that are read: written whole when their data
//! comes, never updated in place. A view per item costs generic code of its own in the
//! download (the region picker's options, the session list and recent changes are written
//! so); what reacts stays a view.

/// A new element of `tag` with `class` and `text`, the last child of `parent`.
pub fn child(parent: &web_sys::Element, tag: &str, class: &str, text: &str) -> Option<web_sys::Element> {
    let element = parent.owner_document()?.create_element(tag).ok()?;
    element.set_class_name(class);
    element.set_text_content(Some(text));
    parent.append_child(&element).ok()?;
    Some(element)
}
