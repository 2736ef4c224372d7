//
// MetricsSample.cpp
//

#include "MetricsSample.h"
#include <cstdlib>
#include <sstream>

namespace feedhub
{

MetricsSample::MetricsSample(const std::string& text)
{
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
    {
        if (!line.empty() && line[0] != '#')
            readLine(line);
    }
}

void MetricsSample::readLine(const std::string& line)
{
    // name{label="value",...} value [timestamp]
    std::size_t at = line.find_first_of("{ ");
    if (at == std::string::npos)
        return;
    const std::string name = line.substr(0, at);
    Sample sample;
    if (line[at] == '{')
    {
        ++at;
        while (at < line.size() && line[at] != '}')
        {
            const std::size_t equals = line.find("=\"", at);
            if (equals == std::string::npos)
                return;
            const std::string label = line.substr(at, equals - at);
            std::string value;
            std::size_t i = equals + 2;
            for (; i < line.size() && line[i] != '"'; ++i)
            {
                if (line[i] == '\\' && i + 1 < line.size())
                {
                    ++i;
                    value += line[i] == 'n' ? '\n' : line[i];
                }
                else
                    value += line[i];
            }
            if (i >= line.size())
                return;
            sample.labels[label] = value;
            at = i + 1;
            if (at < line.size() && line[at] == ',')
                ++at;
        }
        if (at >= line.size())
            return;
        ++at;
    }
    const char* start = line.c_str() + at;
    char* end = nullptr;
    sample.value = std::strtod(start, &end);
    if (end == start)
        return;
    _samples[name].push_back(std::move(sample));
}

std::optional<double> MetricsSample::total(const std::string& name) const
{
    const auto found = _samples.find(name);
    if (found == _samples.end())
        return std::nullopt;
    double sum = 0;
    for (const Sample& sample : found->second)
        sum += sample.value;
    return sum;
}

std::map<std::string, double> MetricsSample::byLabel(const std::string& name, const std::string& label) const
{
    std::map<std::string, double> sums;
    const auto found = _samples.find(name);
    if (found == _samples.end())
        return sums;
    for (const Sample& sample : found->second)
    {
        const auto value = sample.labels.find(label);
        if (value != sample.labels.end())
            sums[value->second] += sample.value;
    }
    return sums;
}

} // namespace feedhub
