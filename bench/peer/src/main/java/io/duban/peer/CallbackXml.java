package io.duban.peer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The text of a callback's XML elements by path ({@code Encrypt}, {@code From/UserId}), parsed with
 * the JDK's DOM parser with DOCTYPEs refused and every external resource off.
 */
final class CallbackXml {

  private static final DefaultHandler QUIET = new DefaultHandler();

  private static final ThreadLocal<DocumentBuilder> PARSERS =
      ThreadLocal.withInitial(CallbackXml::parser);

  private CallbackXml() {}

  static Map<String, String> fields(String xml) {
    DocumentBuilder parser = PARSERS.get();
    parser.reset();
    // fatal errors are thrown, nothing is printed: a bad body is answered 400
    parser.setErrorHandler(QUIET);
    Element root;
    try {
      root =
          parser
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
    } catch (SAXException | IOException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "malformed XML");
    }
    Map<String, String> fields = new HashMap<>();
    collect(root, "", fields, 0);
    return fields;
  }

  private static void collect(Element parent, String prefix, Map<String, String> into, int depth) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        String path = prefix + e.getTagName();
        into.put(path, e.getTextContent().strip());
        if (depth < 3) {
          collect(e, path + "/", into, depth + 1);
        }
      }
    }
  }

  private static DocumentBuilder parser() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
