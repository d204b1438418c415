package io.duban.chat.wecom;

import io.duban.chat.CallbackRejected;
import io.duban.chat.CallbackRejected.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Parses WeCom XML with every DTD feature off: a document that declares a DOCTYPE or an entity is
 * refused (400) before any entity could be resolved, so XXE and entity expansion cannot happen.
 */
final class SecureXml {

  private static final Pattern DECLARATION =
      Pattern.compile("<!\\s*(DOCTYPE|ENTITY)", Pattern.CASE_INSENSITIVE);

  /**
   * One configured builder per thread: looking up and configuring a factory per callback cost more
   * than the rest of the parse. Builders are not thread-safe and are reset before each use.
   */
  private static final ThreadLocal<DocumentBuilder> BUILDERS =
      ThreadLocal.withInitial(SecureXml::newBuilder);

  private SecureXml() {}

  /** Parses {@code xml} into its root element's fields. */
  static XmlFields parse(String xml) {
    if (DECLARATION.matcher(xml).find()) {
      throw new CallbackRejected(Reason.XML_DOCTYPE, "XML with DOCTYPE or entity declarations");
    }
    try {
      DocumentBuilder builder = BUILDERS.get();
      builder.reset();
      builder.setErrorHandler(null);
      Element root =
          builder
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
      return new XmlFields(root);
    } catch (SAXException e) {
      if (String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT).contains("DOCTYPE")) {
        throw new CallbackRejected(Reason.XML_DOCTYPE, "XML with DOCTYPE declaration");
      }
      throw new CallbackRejected(Reason.MALFORMED, "malformed XML");
    } catch (IOException e) {
      throw new CallbackRejected(Reason.MALFORMED, "malformed XML");
    }
  }

  private static DocumentBuilder newBuilder() {
    try {
      return factory().newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
    }
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    return factory;
  }

  /** The child elements of a parsed XML root, addressed by slash-separated paths. */
  record XmlFields(Element root) {

    /** The trimmed text of the element at {@code path} (e.g. {@code From/UserId}), or null. */
    String text(String path) {
      Element current = root;
      for (String name : path.split("/")) {
        current = child(current, name);
        if (current == null) {
          return null;
        }
      }
      return current.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
      for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
        if (node instanceof Element element && element.getTagName().equals(name)) {
          return element;
        }
      }
      return null;
    }
  }
}
