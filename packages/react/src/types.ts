// The prop types every generated wrapper and raw-tag typing is built from. Which fields and events an element
// exposes comes from its custom-elements manifest (scripts/generate.mjs); their types come from the class.
import type React from 'react';

/** The event an element fires under `name`, as declared in `HTMLElementEventMap` next to the element. */
export type EventOf<Name extends string> = Name extends keyof HTMLElementEventMap ? HTMLElementEventMap[Name] : CustomEvent<unknown>;

/**
 * Props of a generated component: the element's settable fields (typed by the class), its events as
 * `onCk…` callbacks, and React's usual HTML attributes (`className`, `style`, `id`, `children` for slots…).
 */
export type CkComponentProps<Element extends HTMLElement, Field extends keyof Element, Events> = Omit<
  React.HTMLAttributes<Element>,
  Field | keyof Events
> &
  Partial<Pick<Element, Field>> &
  Events;

/** A generated component: forwards its ref to the element itself. */
export type CkComponent<Element extends HTMLElement, Field extends keyof Element, Events> = React.ForwardRefExoticComponent<
  CkComponentProps<Element, Field, Events> & React.RefAttributes<Element>
>;

/** A raw tag in React 19 TSX: the same fields as properties, events as `on<event-name>` props. */
export type CkIntrinsic<Element extends HTMLElement, Field extends keyof Element, Events> = React.DetailedHTMLProps<
  Omit<React.HTMLAttributes<Element>, Field | keyof Events>,
  Element
> &
  Partial<Pick<Element, Field>> &
  Events;
