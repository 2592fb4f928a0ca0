#include "core/util/json.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/util/error.h"

namespace winnow::core {

Json::Json(Array a) : m_type(Type::Array), m_arr(std::make_shared<Array>(std::move(a))) {}
Json::Json(Object o) : m_type(Type::Object), m_obj(std::make_shared<Object>(std::move(o))) {}

bool Json::asBool(bool fallback) const { return m_type == Type::Bool ? m_bool : fallback; }
double Json::asDouble(double fallback) const {
    return m_type == Type::Number ? m_num : fallback;
}
int64_t Json::asInt(int64_t fallback) const {
    return m_type == Type::Number ? int64_t(std::llround(m_num)) : fallback;
}
std::string Json::asString(const std::string& fallback) const {
    return m_type == Type::String ? m_str : fallback;
}

Json& Json::operator[](const std::string& key) {
    if (m_type == Type::Null) *this = object();
    if (m_type != Type::Object) throw Error("JSON value is not an object");
    // Copy-on-write: values share storage after a copy.
    if (m_obj.use_count() > 1) m_obj = std::make_shared<Object>(*m_obj);
    return (*m_obj)[key];
}

const Json& Json::at(const std::string& key) const {
    static const Json null;
    if (m_type != Type::Object) return null;
    auto it = m_obj->find(key);
    return it == m_obj->end() ? null : it->second;
}

bool Json::contains(const std::string& key) const {
    return m_type == Type::Object && m_obj->count(key) > 0;
}

void Json::push(Json v) {
    if (m_type == Type::Null) *this = array();
    if (m_type != Type::Array) throw Error("JSON value is not an array");
    if (m_arr.use_count() > 1) m_arr = std::make_shared<Array>(*m_arr);
    m_arr->push_back(std::move(v));
}

size_t Json::size() const {
    if (m_type == Type::Array) return m_arr->size();
    if (m_type == Type::Object) return m_obj->size();
    return 0;
}

const Json& Json::at(size_t i) const {
    static const Json null;
    return (m_type == Type::Array && i < m_arr->size()) ? (*m_arr)[i] : null;
}

const Json::Array& Json::items() const {
    static const Array empty;
    return m_type == Type::Array ? *m_arr : empty;
}

const Json::Object& Json::fields() const {
    static const Object empty;
    return m_type == Type::Object ? *m_obj : empty;
}

std::string jsonEscape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += char(c);
                }
        }
    }
    return out;
}

void Json::dumpTo(std::string& out, int indent, int level) const {
    auto newline = [&](int l) {
        if (indent < 0) return;
        out += '\n';
        out.append(size_t(indent * l), ' ');
    };
    switch (m_type) {
        case Type::Null: out += "null"; break;
        case Type::Bool: out += m_bool ? "true" : "false"; break;
        case Type::Number: {
            if (!std::isfinite(m_num)) {
                out += "null";
            } else if (m_num == std::floor(m_num) && std::fabs(m_num) < 1e15) {
                out += std::to_string(int64_t(m_num));
            } else {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.9g", m_num);
                out += buf;
            }
            break;
        }
        case Type::String: out += '"' + jsonEscape(m_str) + '"'; break;
        case Type::Array: {
            out += '[';
            bool first = true;
            for (const auto& v : *m_arr) {
                if (!first) out += indent < 0 ? "," : ",";
                newline(level + 1);
                v.dumpTo(out, indent, level + 1);
                first = false;
            }
            if (!m_arr->empty()) newline(level);
            out += ']';
            break;
        }
        case Type::Object: {
            out += '{';
            bool first = true;
            for (const auto& [k, v] : *m_obj) {
                if (!first) out += ',';
                newline(level + 1);
                out += '"' + jsonEscape(k) + (indent < 0 ? "\":" : "\": ");
                v.dumpTo(out, indent, level + 1);
                first = false;
            }
            if (!m_obj->empty()) newline(level);
            out += '}';
            break;
        }
    }
}

std::string Json::dump(int indent) const {
    std::string out;
    dumpTo(out, indent, 0);
    return out;
}

namespace {

struct Parser {
    std::string_view s;
    size_t i = 0;

    [[noreturn]] void fail(const char* what) {
        throw Error(std::string("malformed JSON at offset ") + std::to_string(i) + ": " + what);
    }
    void ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
    }
    bool eat(char c) {
        ws();
        if (i < s.size() && s[i] == c) {
            ++i;
            return true;
        }
        return false;
    }
    void expect(char c) {
        if (!eat(c)) fail((std::string("expected '") + c + "'").c_str());
    }
    static void appendUtf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }
    unsigned hex4() {
        if (i + 4 > s.size()) fail("short \\u escape");
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s[i++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f') v |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= unsigned(c - 'A' + 10);
            else fail("bad \\u escape");
        }
        return v;
    }
    std::string str() {
        expect('"');
        std::string out;
        while (true) {
            if (i >= s.size()) fail("unterminated string");
            char c = s[i++];
            if (c == '"') break;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i >= s.size()) fail("unterminated escape");
            char e = s[i++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= s.size() && s[i] == '\\' &&
                        s[i + 1] == 'u') {
                        i += 2;
                        unsigned lo = hex4();
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    appendUtf8(out, cp);
                    break;
                }
                default: fail("bad escape");
            }
        }
        return out;
    }
    Json value() {
        ws();
        if (i >= s.size()) fail("unexpected end");
        char c = s[i];
        if (c == '{') {
            ++i;
            Json o = Json::object();
            if (eat('}')) return o;
            do {
                ws();
                std::string k = str();
                expect(':');
                o[k] = value();
            } while (eat(','));
            expect('}');
            return o;
        }
        if (c == '[') {
            ++i;
            Json a = Json::array();
            if (eat(']')) return a;
            do a.push(value());
            while (eat(','));
            expect(']');
            return a;
        }
        if (c == '"') return Json(str());
        if (s.substr(i, 4) == "true") { i += 4; return Json(true); }
        if (s.substr(i, 5) == "false") { i += 5; return Json(false); }
        if (s.substr(i, 4) == "null") { i += 4; return Json(); }
        std::string num;
        while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '-' ||
                                s[i] == '+' || s[i] == '.' || s[i] == 'e' || s[i] == 'E'))
            num += s[i++];
        if (num.empty()) fail("unexpected character");
        char* end = nullptr;
        double v = std::strtod(num.c_str(), &end);
        if (end != num.c_str() + num.size()) fail("bad number");
        return Json(v);
    }
};

}  // namespace

Json Json::parse(std::string_view text) {
    Parser p{text};
    Json v = p.value();
    p.ws();
    if (p.i != text.size()) p.fail("trailing characters");
    return v;
}

}  // namespace winnow::core
