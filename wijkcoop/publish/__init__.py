"""Publishing: the room that turns the book's sources into what a reader downloads or opens.

Each module does one job of putting the book out (docs/architecture.md, "The rooms"):

* :mod:`~wijkcoop.publish.catalogue`: the editions listed in ``data/edities/edities.yaml``;
* :mod:`~wijkcoop.publish.build`: each edition built from its own commit (``make site``);
* :mod:`~wijkcoop.publish.assemble`: the built editions put together under one root, with the
  version switcher and the "what changed" page;
* :mod:`~wijkcoop.publish.bundle`: an edition zipped for a USB stick (``make bundle``);
* :mod:`~wijkcoop.publish.editions`: the command line of the three above;
* :mod:`~wijkcoop.publish.release`: cutting an edition (``make release``);
* :mod:`~wijkcoop.publish.pdf`: the whole book as one PDF (``make pdf``);
* :mod:`~wijkcoop.publish.webbuild`: the scan's ES modules bundled into ``wijkcoop/web/``
  (``make js``);
* :mod:`~wijkcoop.publish.bib`: ``references.bib`` from the research bibliography;
* :mod:`~wijkcoop.publish.repository`: the one repository setting;
* :mod:`~wijkcoop.publish.git`: running ``git``.

Its third-party needs (Beautiful Soup, pybtex) are the ``publish`` extra of the package.
"""
