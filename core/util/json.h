#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::core {

// A small JSON value for configs, CLI output and metrics (core has no Qt, so no QJson).
class Json {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };
    using Array = std::vector<Json>;
    using Object = std::map<std::string, Json>;

    Json() = default;
    Json(std::nullptr_t) {}
    Json(bool b) : m_type(Type::Bool), m_bool(b) {}
    Json(int v) : m_type(Type::Number), m_num(v) {}
    Json(int64_t v) : m_type(Type::Number), m_num(double(v)) {}
    Json(size_t v) : m_type(Type::Number), m_num(double(v)) {}
    Json(double v) : m_type(Type::Number), m_num(v) {}
    Json(const char* s) : m_type(Type::String), m_str(s) {}
    Json(std::string s) : m_type(Type::String), m_str(std::move(s)) {}
    Json(Array a);
    Json(Object o);
    static Json array() { return Json(Array{}); }
    static Json object() { return Json(Object{}); }

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isObject() const { return m_type == Type::Object; }
    bool isArray() const { return m_type == Type::Array; }
    bool asBool(bool fallback = false) const;
    double asDouble(double fallback = 0.0) const;
    int64_t asInt(int64_t fallback = 0) const;
    std::string asString(const std::string& fallback = {}) const;

    // Object access; operator[] on a null value turns it into an object.
    Json& operator[](const std::string& key);
    const Json& at(const std::string& key) const;  // null Json when absent
    bool contains(const std::string& key) const;
    // Array access.
    void push(Json v);
    size_t size() const;
    const Json& at(size_t i) const;
    const Array& items() const;
    const Object& fields() const;

    // Compact single-line serialisation (for JSON-lines output) or indented.
    std::string dump(int indent = -1) const;
    // Throws Error with the offset on malformed input.
    static Json parse(std::string_view text);

private:
    void dumpTo(std::string& out, int indent, int level) const;
    Type m_type = Type::Null;
    bool m_bool = false;
    double m_num = 0.0;
    std::string m_str;
    std::shared_ptr<Array> m_arr;
    std::shared_ptr<Object> m_obj;
};

std::string jsonEscape(std::string_view s);

}  // namespace winnow::core
